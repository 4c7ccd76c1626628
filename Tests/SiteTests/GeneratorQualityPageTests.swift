import ArtifactContract
import Foundation
import TestSupport
import XCTest
@testable import Site

/// The generator paragraph of "Data and generator" on an experiment page: the Frechet
/// sentence, then the classifier's confidence, the predicted class mix and the
/// clean-sprite rate when results.json has them.
final class GeneratorQualityPageTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws { dir = try temporaryFolder() }

    /// Builds the fixture site with `change` applied to each experiment's generator
    /// figures, and returns each experiment's generator paragraph.
    func paragraphs(_ change: [String: (inout GeneratorQuality) -> Void] = [:]) throws -> [String: String] {
        let out = try SiteFixtures.site(in: dir, editing: change.mapValues { edit in { r in edit(&r.generator) } })
        var found: [String: String] = [:]
        for name in ["sprites", "digits"] {
            let html = try String(contentsOf: out.appendingPathComponent("experiment-\(name).html"), encoding: .utf8)
            let start = try XCTUnwrap(html.range(of: "<p>Generator quality:"), name)
            let end = try XCTUnwrap(html.range(of: "</p>", range: start.upperBound..<html.endIndex), name)
            found[name] = String(html[start.lowerBound..<end.upperBound])
        }
        return found
    }

    static let spritesFrechet = "<p>Generator quality: Fréchet distance <strong>3.21</strong> between real and generated identity-classifier features, against <strong>0.42</strong> between two halves of the real data (2000 samples)."
    static let digitsFrechet = "<p>Generator quality: Fréchet distance <strong>5.50</strong> between real and generated identity-classifier features, against <strong>0.80</strong> between two halves of the real data (2000 samples)."

    /// The committed fixtures have none of the additions: the paragraph is the Frechet sentence alone.
    func testWithoutTheAdditionsOnlyTheFrechetSentence() throws {
        let p = try paragraphs()
        XCTAssertEqual(p["sprites"], Self.spritesFrechet + "</p>")
        XCTAssertEqual(p["digits"], Self.digitsFrechet + "</p>")
    }

    func testConfidenceClassMixAndCleanRate() throws {
        let p = try paragraphs([
            "sprites": { g in
                g.confident = 0.654; g.confidentReal = 0.9987; g.classFractions = [0.312, 0.635, 0.053]; g.realClassFractions = [0.3333, 0.3347, 0.332]
                g.clean = 0.4891; g.cleanReal = 0.97
            },
            // No real class mix: no class sentence; no clean rate outside sprites.
            "digits": { g in g.confident = 0.798; g.classFractions = [0.1, 0.9] },
        ])
        XCTAssertEqual(p["sprites"], Self.spritesFrechet
            + "\nThe identity classifier is confident (top probability ≥ 0.9) on 65.4% of generated samples, against 99.9% of held-out real images."
            + "\nPredicted classes of generated samples: 31.2%, 63.5%, 5.3%, against 33.3%, 33.5%, 33.2% for real images."
            + "\nClean sprites (flat background, one hue, one component): 48.9% of generated samples, against 97.0% of real sprites.</p>")
        XCTAssertEqual(p["digits"], Self.digitsFrechet
            + "\nThe identity classifier is confident (top probability ≥ 0.9) on 79.8% of generated samples.</p>")
    }

    /// With class names (one per fraction) each generated fraction follows its class's name;
    /// names that do not match the fractions in number are not used.
    func testClassMixWithNames() throws {
        let p = try paragraphs([
            "sprites": { g in
                g.classFractions = [0.312, 0.635, 0.053]; g.realClassFractions = [0.3333, 0.3347, 0.332]
                g.classNames = ["square", "ellipse", "triangle"]
            },
            "digits": { g in g.classFractions = [0.4, 0.6]; g.realClassFractions = [0.5, 0.5]; g.classNames = ["0", "1", "2"] },
        ])
        XCTAssertEqual(p["sprites"], Self.spritesFrechet
            + "\nPredicted classes of generated samples: square: 31.2%, ellipse: 63.5%, triangle: 5.3%, against 33.3%, 33.5%, 33.2% for real images.</p>")
        XCTAssertEqual(p["digits"], Self.digitsFrechet
            + "\nPredicted classes of generated samples: 40.0%, 60.0%, against 50.0%, 50.0% for real images.</p>")
    }

    func testCleanRateWithoutTheRealOne() throws {
        let p = try paragraphs(["sprites": { g in g.clean = 0.5 }])
        XCTAssertEqual(p["sprites"], Self.spritesFrechet
            + "\nClean sprites (flat background, one hue, one component): 50.0% of generated samples.</p>")
    }
}
