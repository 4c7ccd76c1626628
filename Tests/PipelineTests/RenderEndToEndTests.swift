import ArtifactContract
import Foundation
import TestSupport
import XCTest
@testable import Pipeline

/// The whole pipeline with the real stage work (StageCatalog.standard) on a tiny
/// config: data -> generator (2 GAN steps) -> editors (2 steps, closed form) ->
/// evaluate (4 latents) -> render -> site, then a rerun that only reads the cache.
final class RenderEndToEndTests: XCTestCase {
    /// The identity stage copies the sprites identity classifier shipped under
    /// models/identity of the working folder (training one takes minutes), so the test
    /// copies the repository's trained one (committed with the options it was trained
    /// with) into the working folder.
    static func seedIdentityClassifier(in working: URL) throws {
        let folder = working.appendingPathComponent("models/identity")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shipped = SiteStageTests.repository.appendingPathComponent("models/identity")
        for file in ["sprites-shape-lenet.safetensors", "sprites-shape-lenet.json"] {
            let source = shipped.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: source.path) else {
                throw XCTSkip("\(source.path) is missing: the end-to-end test needs the shipped sprites identity classifier")
            }
            try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(file))
        }
    }

    func testTinyConfigRunsEveryRealStageThroughTheSite() throws {
        let working = try temporaryFolder()
        for name in ["templates", "content"] {
            try FileManager.default.createSymbolicLink(at: working.appendingPathComponent(name),
                                                       withDestinationURL: SiteStageTests.repository.appendingPathComponent(name))
        }
        try Self.seedIdentityClassifier(in: working)
        let experiments = working.appendingPathComponent("experiments")
        try FileManager.default.createDirectory(at: experiments, withIntermediateDirectories: true)
        try """
        name: tiny
        title: Tiny end-to-end
        seed: 3
        dataset: {kind: sprites, count: 200}
        generator: {width: 4, latent_dim: 8, quality_samples: 200, train: {steps: 2, batch: 4}}
        editors:
          - {kind: linear, directions: 3, steps: 2, batch: 4}
          - {kind: curvilinear, directions: 3, steps: 2, batch: 4, layers: 1, hidden: 4}
          - {kind: sefa, directions: 3}
        evaluation: {latents: 4, points: 3, attributes: [V, B, S]}
        render: {latents: 2, steps: 3, frames: 3}
        """.write(to: experiments.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)

        // The identity and site stages resolve models/, templates/ and content/ from the
        // session's working folder, not the process's current folder.
        XCTAssertNotEqual(FileManager.default.currentDirectoryPath, working.path)
        let site = working.appendingPathComponent("site")
        let session = PipelineSession(runsFolder: working.appendingPathComponent("runs"), siteFolder: site, workingFolder: working,
                                      catalog: .standard, progress: ProgressReporter(mode: .quiet), threads: 2)
        let config = try ExperimentLibrary(folder: experiments).load("tiny")
        let summary = try session.run([config], through: .site)
        XCTAssertEqual(summary.ran, ["tiny/data", "tiny/identity", "tiny/generator", "tiny/quality", "tiny/editor-linear", "tiny/editor-curvilinear",
                                     "tiny/editor-sefa", "tiny/evaluate", "tiny/render", "tiny/site"])

        let files = FileManager.default
        XCTAssertTrue(files.fileExists(atPath: site.appendingPathComponent("index.html").path))
        let page = try String(contentsOf: site.appendingPathComponent("experiment-tiny.html"), encoding: .utf8)
        let results = try ArtifactJSON.decode(Results.self, from: site.appendingPathComponent("data/tiny/results.json"))
        XCTAssertEqual(results.editorNames, ["linear", "curvilinear", "sefa"])
        // The class mix names the sprite classifier's classes.
        XCTAssertEqual(results.generator.classNames, ["square", "ellipse", "triangle"])
        XCTAssertEqual(results.generator.classFractions?.count, 3)
        XCTAssertTrue(page.contains("Predicted classes of generated samples: square: "), "the class mix names its classes")
        let paths = RenderFixtures.figurePaths(results)
        // 2 sample grids, 3 strips + 3 plots, per editor 3 strips + 3 sheets + 1 grid.
        XCTAssertEqual(paths.count, 2 + 6 + 3 * 7)
        for path in paths {
            XCTAssertTrue(files.fileExists(atPath: site.appendingPathComponent("data/tiny/" + path).path), path)
        }
        XCTAssertTrue(page.contains("data/tiny/figures/curvilinear/commutativity.png"))

        // `curvilinear render` exports the render artifact where `curvilinear site` reads by default.
        let exported = try RenderExport.export(summary, to: RenderExport.defaultRoot(runsFolder: session.runsFolder))
        XCTAssertEqual(exported.map(\.stage), ["tiny/render"])
        XCTAssertEqual(exported.first?.figures, paths.count)
        XCTAssertEqual(try ResultsFolder(root: working.appendingPathComponent("runs/results")).experimentNames(), ["tiny"])

        // Nothing changed: every stage is served from the cache and the site stays.
        let again = try session.run([config], through: .site)
        XCTAssertEqual(again.ran, [])
        XCTAssertTrue(files.fileExists(atPath: site.appendingPathComponent("index.html").path))
    }
}
