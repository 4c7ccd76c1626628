import ArtifactContract
import Foundation
import TestSupport
import XCTest
@testable import Site

/// A metric that was not measured (no identity classifier: results.json has
/// `identity_error.unavailable` and `generator.features: unavailable`) reads
/// "n/a (no identity classifier)" on every page, never 0, and supports no claim.
final class UnavailableMetricTests: XCTestCase {
    func testUnmeasuredIdentityAndQualityShowAsNotAvailable() throws {
        var editorCount = 0
        let out = try SiteFixtures.site(in: try temporaryFolder(), editing: ["sprites": { r in
            for name in r.editors.keys {
                r.editors[name]?.identityError = IdentityError(perAttribute: [:], mean: 0, ci95: nil,
                                                               unavailable: "no identity classifier was given")
            }
            r.generator = GeneratorQuality(frechet: 0, frechetReal: 0, samples: 0, features: "unavailable")
            editorCount = r.editors.count
        }])
        func page(_ name: String) throws -> String { try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) }

        let experiment = try page("experiment-sprites.html")
        XCTAssertTrue(experiment.contains("Generator quality: n/a (no identity classifier)."), experiment)
        XCTAssertFalse(experiment.contains("Fréchet distance <strong>0.00</strong>"))
        XCTAssertTrue(experiment.contains("<td align=\"right\">n/a (no identity classifier)</td>"), experiment)
        XCTAssertFalse(experiment.contains("curvilinear identity error"), "no claim rests on an unmeasured metric")

        let index = try page("index.html")
        let allRows = index.components(separatedBy: "<tr>").dropFirst().map { $0.components(separatedBy: "</tr>")[0] }
        let rows = allRows.filter { $0.contains("experiment-sprites.html") }
        XCTAssertEqual(rows.count, editorCount)
        for row in rows { XCTAssertTrue(row.contains(">n/a (no identity classifier)</td>"), row) }
        // The other experiment still shows its measured numbers.
        XCTAssertTrue(allRows.contains { $0.contains("experiment-digits.html") && !$0.contains("n/a") })

        let headline = try String(contentsOf: out.appendingPathComponent("data/headline.csv"), encoding: .utf8)
        XCTAssertFalse(headline.split(separator: "\n").contains { $0.hasPrefix("sprites,") && $0.hasSuffix(",0.0") })
    }
}
