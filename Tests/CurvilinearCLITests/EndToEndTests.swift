import Foundation
import Pipeline
import TestSupport
import XCTest
@testable import CurvilinearCLI

final class CLIJournal: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String] = []
    var ran: [String] { lock.withLock { names } }
    func record(_ name: String) { lock.withLock { names.append(name) } }
    func reset() { lock.withLock { names = [] } }
}

/// Work that stands in for the modules still being built: each stage writes
/// a small file derived from its section and inputs; the site an index.html.
func fakeCatalog(_ journal: CLIJournal) -> StageCatalog {
    var catalog = StageCatalog()
    @Sendable func write(_ context: StageContext, _ out: URL, _ text: String) throws {
        journal.record(context.stageName)
        var body = text
        for (name, folder) in context.inputs.sorted(by: { $0.key < $1.key }) {
            body += "\n\(name): " + (try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8))
                .split(separator: "\n").first.map(String.init)!
        }
        try Data(body.utf8).write(to: out.appendingPathComponent("out.txt"))
    }
    catalog.data = { section, context, out in try write(context, out, "sprites \(section.dataset.count)") }
    catalog.identity = { section, context, out in try write(context, out, "classifier \(section.classifier)") }
    catalog.generator = { section, context, out in try write(context, out, "dcgan \(section.generator.width)") }
    catalog.quality = { section, context, out in try write(context, out, "quality of \(section.samples ?? 0) samples") }
    for kind in EditorKind.allCases {
        catalog.editors[kind] = { section, context, out in try write(context, out, "\(section.editor.name) K=\(section.editor.directions)") }
    }
    catalog.evaluate = { section, context, out in try write(context, out, "results for \(section.editors.count) editors") }
    catalog.render = { section, context, out in try write(context, out, "figures of \(section.editors.joined(separator: ","))") }
    catalog.site = { section, context, out in
        journal.record(context.stageName)
        try Data("<title>\(section.experiments.map(\.title).joined())</title>".utf8)
            .write(to: out.appendingPathComponent("index.html"))
    }
    return catalog
}

/// The tiny end-to-end config: every stage, smallest budgets.
func writeTinyConfig(in folder: URL, linearSteps: Int = 2) throws {
    try """
    name: tiny
    title: Tiny end-to-end
    seed: 3
    dataset: {kind: sprites, count: 100}
    generator: {width: 4, latent_dim: 8, train: {steps: 2, batch: 4}}
    editors:
      - {kind: linear, directions: 3, steps: \(linearSteps), batch: 4}
      - {kind: curvilinear, directions: 3, steps: 2, batch: 4, layers: 1, hidden: 4}
      - {kind: sefa, directions: 3}
    evaluation: {latents: 4, points: 3, attributes: [V, B, S]}
    render: {latents: 1, steps: 3, frames: 2}
    """.write(to: folder.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
}

final class EndToEndTests: XCTestCase {
    func testReportRunsEveryStageOnceAndPublishesTheSite() throws {
        let folder = try temporaryFolder()
        try writeTinyConfig(in: folder)
        let saved = Curvilinear.catalog
        defer { Curvilinear.catalog = saved }
        let journal = CLIJournal()
        Curvilinear.catalog = fakeCatalog(journal)
        let runs = folder.appendingPathComponent("runs"), site = folder.appendingPathComponent("site")
        let arguments = ["--experiments-dir", folder.path, "--runs-dir", runs.path, "--quiet"]

        XCTAssertEqual(CommandOutcome.execute(["report", "tiny", "--site-dir", site.path] + arguments), 0)
        XCTAssertEqual(journal.ran, ["tiny/data", "tiny/identity", "tiny/generator", "tiny/quality", "tiny/editor-linear", "tiny/editor-curvilinear",
                                     "tiny/editor-sefa", "tiny/evaluate", "tiny/render", "tiny/site"])
        XCTAssertEqual(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8),
                       "<title>Tiny end-to-end</title>")
        // Fake render artifacts have no results.json, so nothing is exported (InterruptionTests checks the real export).
        XCTAssertFalse(FileManager.default.fileExists(atPath: runs.appendingPathComponent("results/tiny").path))

        journal.reset()
        XCTAssertEqual(CommandOutcome.execute(["report", "tiny", "--site-dir", site.path] + arguments), 0)
        XCTAssertEqual(journal.ran, [])
        XCTAssertEqual(CommandOutcome.execute(["status", "tiny"] + arguments), 0)

        // One editor's budget changes: it and everything downstream rerun.
        try writeTinyConfig(in: folder, linearSteps: 3)
        XCTAssertEqual(CommandOutcome.execute(["report", "tiny", "--site-dir", site.path] + arguments), 0)
        XCTAssertEqual(journal.ran, ["tiny/editor-linear", "tiny/evaluate", "tiny/render", "tiny/site"])

        journal.reset()
        XCTAssertEqual(CommandOutcome.execute(["train-editor", "tiny", "--editor", "sefa", "--force", "editor-sefa"] + arguments), 0)
        XCTAssertEqual(journal.ran, ["tiny/editor-sefa"])
    }

    func testReportAllBuildsOneSiteForEveryExperiment() throws {
        let folder = try temporaryFolder()
        try writeTinyConfig(in: folder)
        try String(contentsOf: folder.appendingPathComponent("tiny.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "name: tiny", with: "name: second")
            .replacingOccurrences(of: "title: Tiny end-to-end", with: "title: Second")
            .write(to: folder.appendingPathComponent("second.yaml"), atomically: true, encoding: .utf8)
        let saved = Curvilinear.catalog
        defer { Curvilinear.catalog = saved }
        let journal = CLIJournal()
        Curvilinear.catalog = fakeCatalog(journal)
        let site = folder.appendingPathComponent("site")
        XCTAssertEqual(CommandOutcome.execute(["report", "--all", "--experiments-dir", folder.path, "--runs-dir",
                                               folder.appendingPathComponent("runs").path, "--site-dir", site.path, "--quiet"]), 0)
        XCTAssertEqual(journal.ran.filter { $0.hasSuffix("site") }, ["site"])
        XCTAssertEqual(journal.ran.count, 19)
        XCTAssertEqual(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8),
                       "<title>SecondTiny end-to-end</title>")
    }

    /// The built executable, run as a subprocess: real exit codes and stderr.
    func testTheExecutableExitsWithTheDocumentedCodes() throws {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("curvilinear") }
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the curvilinear executable is not built next to the tests (run `swift build --build-tests`)")
        }
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let folder = try temporaryFolder()
        XCTAssertEqual(try run(["--help"]).0, 0)
        XCTAssertEqual(try run(["report", "--bogus"]).0, 2)
        let (code, text) = try run(["status", "nosuch", "--experiments-dir", folder.path])
        XCTAssertEqual(code, 1)
        XCTAssertTrue(text.hasPrefix("error: no experiment 'nosuch'"), text)
        XCTAssertFalse(text.contains("Fatal error"))
    }
}
