import ArtifactContract
import Foundation
import TestSupport
import XCTest
@testable import Site

/// The thread count and the BLAS kernel set are part of a figure's provenance (the floats
/// depend on them): optional in results.json, so results written without them still decode
/// and show no row, and shown in the experiment page's provenance table when present.
final class ProvenanceReproductionTests: XCTestCase {
    func testThreadsAreOptionalAndShownWhenPresent() throws {
        try checkOptionalRow(label: "Threads", isAbsent: { $0.provenance.threads == nil },
                             set: { $0.provenance.threads = 2 },
                             json: "\"threads\" : 2", cell: "<td>2 (the floats depend on it")
    }

    func testBLASKernelsAreOptionalAndShownWhenPresent() throws {
        try checkOptionalRow(label: "BLAS kernels", isAbsent: { $0.provenance.blasCore == nil },
                             set: { $0.provenance.blasCore = "Haswell" },
                             json: "\"blas_core\" : \"Haswell\"", cell: "<td>Haswell (another kernel set")
    }

    /// The fixture lacks the key (no row); setting it publishes it and adds the row.
    private func checkOptionalRow(label: String, isAbsent: @escaping (Results) -> Bool,
                                  set: @escaping (inout Results) -> Void, json: String, cell: String) throws {
        let dir = try temporaryFolder()
        func experimentPage(_ site: URL) throws -> String {
            try String(contentsOf: site.appendingPathComponent("experiment-sprites.html"), encoding: .utf8)
        }
        var absent = false
        let plain = try SiteFixtures.site(in: dir, editing: ["sprites": { r in absent = isAbsent(r) }])
        XCTAssertTrue(absent, "the fixture predates the key")
        XCTAssertFalse(try experimentPage(plain).contains("<td>\(label)</td>"))

        let withKey = try SiteFixtures.site(in: dir, editing: ["sprites": set])
        let published = withKey.appendingPathComponent("data/sprites/results.json")
        XCTAssertTrue(String(decoding: try Data(contentsOf: published), as: UTF8.self).contains(json))
        XCTAssertTrue(try experimentPage(withKey).contains("<td>\(label)</td>\n\(cell)"))
    }
}
