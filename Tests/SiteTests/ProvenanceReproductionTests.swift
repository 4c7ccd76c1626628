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

    func testBLASKernelsAreOptionalAndShownWhenPresent() throws {
        let dir = try temporaryFolder()
        func experimentPage(_ site: URL) throws -> String {
            try String(contentsOf: site.appendingPathComponent("experiment-sprites.html"), encoding: .utf8)
        }
        var before: String??
        let plain = try SiteFixtures.site(in: dir, editing: ["sprites": { r in before = r.provenance.blasKernels }])
        XCTAssertEqual(before, .some(nil), "the fixture predates the key")
        XCTAssertFalse(try experimentPage(plain).contains("<td>BLAS kernels</td>"))

        let withKernels = try SiteFixtures.site(in: dir, editing: ["sprites": { r in r.provenance.blasKernels = "Haswell" }])
        let published = withKernels.appendingPathComponent("data/sprites/results.json")
        XCTAssertTrue(String(decoding: try Data(contentsOf: published), as: UTF8.self).contains("\"blas_kernels\" : \"Haswell\""))
        XCTAssertTrue(try experimentPage(withKernels).contains("<td>BLAS kernels</td>\n<td>Haswell (another kernel set"))
    }
}
