import Foundation
import XCTest

/// The built `curvilinear` executable on a tiny config with the real stage work,
/// killed with SIGKILL mid-training, mid-evaluation and mid-site-build, then run
/// again: every rerun resumes from the finished stages and completes, no
/// temporary folder survives, and site/ is always a complete site (the previous
/// one until the new one is published). Then the cache on the real stages: editing
/// one editor's config reruns that editor and what follows it only, and a run with
/// nothing changed is fully cached.
final class InterruptionTests: CLIProcessTestCase {
    func testKilledReportsResumeAndTheSiteIsAlwaysComplete() throws {
        let files = FileManager.default
        let working = try workingFolder()
        try writeConfig(in: working, linearSteps: 30)
        let index = working.appendingPathComponent("site/index.html")

        // Killed while the first editor trains, then terminated (SIGTERM) while evaluating.
        _ = try report(in: working, killAt: "] tiny/editor-linear ...")
        XCTAssertFalse(files.fileExists(atPath: index.path))
        let second = try report(in: working, killAt: "] tiny/evaluate ...", signal: SIGTERM)
        XCTAssertTrue(second.errors.contains("tiny/generator ... cached"), second.errors)
        XCTAssertEqual(second.status, 128 + SIGTERM)
        XCTAssertTrue(second.errors.hasSuffix("\ninterrupted: run the same command again to resume after the last finished stage\n"),
                      second.errors)

        // The rerun finishes from the cached stages and publishes the site.
        let third = try report(in: working)
        XCTAssertEqual(third.status, 0, third.errors)
        XCTAssertEqual(third.outcomes.filter { $0.value == "ran" }.keys.sorted(), ["tiny/evaluate", "tiny/render", "tiny/site"])
        XCTAssertTrue(third.output.hasPrefix("open file://"), third.output)
        XCTAssertTrue(third.output.hasSuffix("/site/index.html\n"), third.output)
        XCTAssertEqual(leftovers(in: working), [])
        let first = try String(contentsOf: index, encoding: .utf8)
        XCTAssertTrue(first.contains("Tiny interrupted"), "the site shows the config's title")
        // `curvilinear site` with no arguments reads what report exported.
        let exported = try Data(contentsOf: working.appendingPathComponent("runs/results/tiny/results.json"))
        let results = try XCTUnwrap(try JSONSerialization.jsonObject(with: exported) as? [String: Any])
        XCTAssertEqual(results["title"] as? String, "Tiny interrupted", "results.json carries the config's title")

        // A template edit reruns the site only; killed mid-build, the previous site stays whole.
        let marker = "Marker-\(UUID().uuidString.prefix(6))"
        let page = working.appendingPathComponent("templates/pages/index.md")
        try (try String(contentsOf: page, encoding: .utf8) + "\n\(marker)\n").write(to: page, atomically: true, encoding: .utf8)
        _ = try report(in: working, killAt: "tiny/site: [5/")
        XCTAssertEqual(try String(contentsOf: index, encoding: .utf8), first)
        let fourth = try report(in: working)
        XCTAssertEqual(fourth.status, 0, fourth.errors)
        XCTAssertEqual(fourth.outcomes.filter { $0.value == "ran" }.keys.sorted(), ["tiny/site"])
        XCTAssertTrue(try String(contentsOf: index, encoding: .utf8).contains(marker))
        XCTAssertEqual(leftovers(in: working), [])

        // One editor's config changes: that editor and what follows it rerun, nothing else.
        try writeConfig(in: working, linearSteps: 31)
        let fifth = try report(in: working)
        XCTAssertEqual(fifth.status, 0, fifth.errors)
        XCTAssertEqual(fifth.outcomes.filter { $0.value == "ran" }.keys.sorted(),
                       ["tiny/editor-linear", "tiny/evaluate", "tiny/render", "tiny/site"])
        XCTAssertEqual(fifth.outcomes.filter { $0.value == "cached" }.keys.sorted(),
                       ["tiny/data", "tiny/editor-curvilinear", "tiny/editor-sefa", "tiny/generator", "tiny/identity", "tiny/quality"])
        let sixth = try report(in: working)
        XCTAssertEqual(sixth.outcomes.count, 10, sixth.errors)
        XCTAssertEqual(sixth.outcomes.filter { $0.value != "cached" }, [:])
        XCTAssertTrue(sixth.errors.contains("summary: 0 ran, 10 cached"), sixth.errors)
    }
}
