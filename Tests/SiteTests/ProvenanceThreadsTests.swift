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
        func experimentPage(_ site: URL) throws -> String {
            try String(contentsOf: site.appendingPathComponent("experiment-sprites.html"), encoding: .utf8)
        }
        var before: Int??
        let plain = try SiteFixtures.site(in: dir, editing: ["sprites": { r in before = r.provenance.threads }])
        XCTAssertEqual(before, .some(nil), "the fixture predates the key")
        XCTAssertFalse(try experimentPage(plain).contains("<td>Threads</td>"))

        let withThreads = try SiteFixtures.site(in: dir, editing: ["sprites": { r in r.provenance.threads = 2 }])
        let published = withThreads.appendingPathComponent("data/sprites/results.json")
        XCTAssertTrue(String(decoding: try Data(contentsOf: published), as: UTF8.self).contains("\"threads\" : 2"))
        XCTAssertTrue(try experimentPage(withThreads).contains("<td>Threads</td>\n<td>2 (the floats depend on it"))
    }
}
