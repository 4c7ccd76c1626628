import ArtifactContract
import Foundation
import TestSupport
import XCTest
@testable import Site

/// The thread count is part of a figure's provenance (the floats depend on it): optional in
/// results.json, so results written without it still decode and show no row, and shown
/// in the experiment page's provenance table when present.
final class ProvenanceThreadsTests: XCTestCase {
    func testThreadsAreOptionalAndShownWhenPresent() throws {
        let dir = try temporaryFolder()
        let results = try SiteFixtures.fixtureResults(in: dir)
        let file = results.appendingPathComponent("sprites/results.json")
        var r = try ArtifactJSON.decode(Results.self, from: file)
        XCTAssertNil(r.provenance.threads, "the fixture predates the key")

        func experimentPage() throws -> String {
            let out = dir.appendingPathComponent("site-\(UUID().uuidString)")
            try SiteBuilder(config: SiteFixtures.config(results: results, out: out), log: { _ in }).build()
            return try String(contentsOf: out.appendingPathComponent("experiment-sprites.html"), encoding: .utf8)
        }
        XCTAssertFalse(try experimentPage().contains("<td>Threads</td>"))

        r.provenance.threads = 2
        try ArtifactJSON.write(r, to: file)
        XCTAssertTrue(String(decoding: try Data(contentsOf: file), as: UTF8.self).contains("\"threads\" : 2"))
        XCTAssertTrue(try experimentPage().contains("<td>Threads</td>\n<td>2 (the floats depend on it"))
    }
}
