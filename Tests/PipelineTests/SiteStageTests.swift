import ArtifactContract
import Foundation
import Site
import TestSupport
import XCTest
@testable import Pipeline

final class SiteStageTests: XCTestCase {
    /// The repository root (templates/, content/), from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The fingerprint the plan gives the repository's `templates/` or `content/`.
    static func planned(_ folder: String) throws -> String { try FileFingerprint.of(repository.appendingPathComponent(folder)) }

    /// A section planned with other templates than the folder holds when the stage runs.
    func testTemplatesChangedSincePlanningAreRefused() throws {
        let out = try temporaryFolder()
        let section = SiteSection(experiments: [.init(name: "toy", title: "Toy")], templates: "planned-with-other-templates",
                                  content: try Self.planned("content"))
        XCTAssertThrowsError(try SiteStage.run(section, RenderFixtures.quietContext("site", inputs: [:]), out,
                                               workingFolder: Self.repository)) { error in
            XCTAssertEqual("\(error)", "cannot read \(Self.repository.path)/templates: changed since the stage was planned; rerun the command")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
    }

    /// A render artifact of the toy experiment, as the render stage leaves it (with its manifest).
    static func renderArtifact(in runs: URL, name: String = "toy") throws -> URL {
        let folder = runs.appendingPathComponent("\(name)-render")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var config = RenderFixtures.renderConfig(latents: 2, steps: 5, frames: 5)
        config.commutativity = ["V", "B", "S"]
        let renderer = FigureRenderer(settings: config, generator: ToySpriteGenerator(),
                                      latents: .normal(count: 2, dim: 4, seed: 1), sampleLatents: .normal(count: 24, dim: 4, seed: 2))
        let results = try renderer.render(results: RenderFixtures.results(editors: ["linear", "warped"], experiment: name),
                                          editors: [.init(name: "linear", edit: AxisEditor()), .init(name: "warped", edit: ShearEditor())],
                                          realImages: ToySpriteGenerator().generate(.normal(count: 24, dim: 4, seed: 3)), into: folder)
        try ArtifactJSON.write(results, to: folder.appendingPathComponent("results.json"))
        try RenderFixtures.writeManifest("\(name)/render", config: ["latents": 2], seed: 9, to: folder)
        return folder
    }

    func testSiteStageBuildsTheSiteFromRenderArtifacts() throws {
        let runs = try temporaryFolder()
        let render = try Self.renderArtifact(in: runs)
        let out = runs.appendingPathComponent("site-artifact")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let section = SiteSection(experiments: [.init(name: "toy", title: "Toy sprites")], templates: try Self.planned("templates"), content: try Self.planned("content"))
        try SiteStage.run(section, RenderFixtures.quietContext("toy/site", inputs: ["toy/render": render]), out,
                          workingFolder: Self.repository)

        let files = FileManager.default
        XCTAssertTrue(files.fileExists(atPath: out.appendingPathComponent("index.html").path))
        let page = try String(contentsOf: out.appendingPathComponent("experiment-toy.html"), encoding: .utf8)
        let published = try ArtifactJSON.decode(Results.self, from: out.appendingPathComponent("data/toy/results.json"))
        let paths = RenderFixtures.figurePaths(published)
        XCTAssertEqual(paths.count, 2 + 8 + 2 * 9)
        for path in paths {
            XCTAssertTrue(files.fileExists(atPath: out.appendingPathComponent("data/toy/" + path).path), path)
        }
        XCTAssertTrue(page.contains("data/toy/figures/linear/commutativity.png"))
        XCTAssertTrue(page.contains("data/toy/figures/side_effects/V.svg"))
        // Provenance: the render artifact's manifest, converted to the contract's form.
        XCTAssertTrue(page.contains("toy/render"), "the manifest's stage is shown")
        // Nothing but the site in the artifact; the scratch folders beside it are gone.
        XCTAssertEqual(try files.contentsOfDirectory(atPath: runs.path).sorted(), ["site-artifact", "toy-render"])
    }

    /// `report --all`: one shared site stage reads every experiment's render artifact.
    func testOneSiteForSeveralExperiments() throws {
        let runs = try temporaryFolder()
        let inputs = ["first/render": try Self.renderArtifact(in: runs, name: "first"),
                      "second/render": try Self.renderArtifact(in: runs, name: "second")]
        let out = runs.appendingPathComponent("site-artifact")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let section = SiteSection(experiments: [.init(name: "first", title: "First"), .init(name: "second", title: "Second")],
                                  templates: try Self.planned("templates"), content: try Self.planned("content"))
        try SiteStage.run(section, RenderFixtures.quietContext("site", inputs: inputs), out, workingFolder: Self.repository)
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        for name in ["first", "second"] {
            XCTAssertTrue(index.contains("experiment-\(name).html"), name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("data/\(name)/figures/real_samples.png").path))
        }
    }

    func testGatherWritesTheContractLayout() throws {
        let runs = try temporaryFolder()
        let render = try Self.renderArtifact(in: runs, name: "second")
        let folder = runs.appendingPathComponent("results")
        let section = SiteSection(experiments: [.init(name: "second", title: "Second")], templates: try Self.planned("templates"), content: try Self.planned("content"))
        try SiteStage.gather(section, RenderFixtures.quietContext("site", inputs: ["second/render": render]), into: folder)
        let contract = ResultsFolder(root: folder)
        XCTAssertEqual(try contract.experimentNames(), ["second"])
        XCTAssertEqual(try contract.results("second").experiment, "second")
        let manifest = try XCTUnwrap(try contract.manifest("second"))
        XCTAssertEqual(manifest.stage, "second/render")
        XCTAssertEqual(manifest.seed, 9)
        XCTAssertTrue(manifest.files.contains("figures/generated_samples.png"))
    }

    /// What `curvilinear render` leaves in runs/results: a contract folder that
    /// `curvilinear site` (SiteBuilder) publishes; exporting again replaces it whole.
    func testExportWritesAResultsFolderTheSiteCommandReads() throws {
        let runs = try temporaryFolder()
        let render = try Self.renderArtifact(in: runs)
        let root = runs.appendingPathComponent("results")
        let stale = root.appendingPathComponent("toy/figures/stale.png")
        try FileManager.default.createDirectory(at: stale.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([1]).write(to: stale)
        try SiteStage.export(renderArtifact: render, experiment: "toy", to: root)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path), "the previous export is replaced, not merged")
        XCTAssertEqual(try ResultsFolder(root: root).experimentNames(), ["toy"])
        XCTAssertEqual(try ResultsFolder(root: root).manifest("toy")?.stage, "toy/render")

        let site = runs.appendingPathComponent("site")
        let config = SiteConfig(results: root, output: site, templates: Self.repository.appendingPathComponent("templates"),
                                content: Self.repository.appendingPathComponent("content"))
        try SiteBuilder(config: config, log: { _ in }).build()
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("experiment-toy.html").path))
    }

    func testAMissingRenderInputIsAnError() throws {
        let out = try temporaryFolder()
        let section = SiteSection(experiments: [.init(name: "toy", title: "Toy")], templates: try Self.planned("templates"), content: try Self.planned("content"))
        XCTAssertThrowsError(try SiteStage.run(section, RenderFixtures.quietContext("toy/site", inputs: [:]), out,
                                               workingFolder: Self.repository)) { error in
            XCTAssertTrue("\(error)".contains("toy/render"), "\(error)")
        }
    }

    /// Writes the toy render artifact and its site to CURVILINEAR_RENDER_OUT, for
    /// looking at the figures and screenshotting the pages; skipped otherwise.
    func testWriteToySiteForInspection() throws {
        guard let path = ProcessInfo.processInfo.environment["CURVILINEAR_RENDER_OUT"] else {
            throw XCTSkip("set CURVILINEAR_RENDER_OUT to write the toy render artifact and site")
        }
        let root = URL(fileURLWithPath: path)
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let render = try Self.renderArtifact(in: root)
        let out = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try SiteStage.run(SiteSection(experiments: [.init(name: "toy", title: "Toy sprites")], templates: try Self.planned("templates"), content: try Self.planned("content")),
                          RenderFixtures.quietContext("toy/site", inputs: ["toy/render": render]), out, workingFolder: Self.repository)
    }
}
