import ArtifactContract
import Foundation
import TestSupport
import XCTest
@testable import Evaluation
@testable import Pipeline

/// The generator stage's quality.json carried into results.json: the Frechet figures,
/// and, when quality.json has them, the classifier's confidence, the predicted class
/// mix and the clean-sprite rate (fractions, as quality.json holds them).
final class GeneratorQualityExportTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try temporaryFolder() }

    /// A report as the generator stage writes it (same type, same encoder).
    static let report = GeneratorQualityReport(
        samples: 1000, realSamples: 1000, frechetDistance: 142.4, realVsRealFrechetDistance: 3.5, frechetRatio: 40.7,
        classifier: "sprites-shape-lenet", classifierTestAccuracy: 0.99, confident: 0.654, realConfident: 0.998,
        confidenceHistogram: [0, 0, 0, 10, 20, 30, 40, 50, 100, 750], classFractions: [0.312, 0.635, 0.053],
        realClassFractions: [0.333, 0.335, 0.332],
        attributes: [.init(key: "V", name: "vertical position", realMean: 16, realStd: 4, generatedMean: 15,
                           generatedStd: 5, w1: 0.8, w1InStd: 0.2)],
        clean: .init(rate: 0.489, flatBackground: 0.6, oneHue: 0.8, oneComponent: 0.9, realRate: 1,
                     thresholds: .floor, realPercentiles: .floor))

    /// results.json of an experiment with no editors and the generator figures of `folder`.
    func results(notes: inout [String]) throws -> Results {
        let figures = EvaluateStage.generatorQuality(folder, notes: &notes)
        let r = ResultsAssembly.results(
            experiment: "q", title: "Q", provenance: Provenance(configHash: "h", seed: 0, codeVersion: "v", created: "c"),
            attributes: [], generator: figures, tables: [:],
            evaluationProtocol: EvaluationProtocol(targetChange: 1, fixedT: 3, latents: 10))
        // Through the bytes, as the site reads it.
        return try ArtifactJSON.decode(Results.self, from: ArtifactJSON.encode(r), path: "q/results.json")
    }

    func testQualityJSONFillsTheAdditions() throws {
        try GeneratorArtifact.writeJSON(Self.report, to: folder.appendingPathComponent("quality.json"))
        var notes: [String] = []
        let g = try results(notes: &notes).generator
        XCTAssertEqual(notes, [])
        XCTAssertEqual(g.frechet, 142.4)
        XCTAssertEqual(g.frechetReal, 3.5)
        XCTAssertEqual(g.samples, 1000)
        XCTAssertEqual(g.wasserstein, ["V": 0.2])
        XCTAssertEqual(g.features, "identity_classifier:sprites-shape-lenet")
        XCTAssertEqual(g.confident, 0.654)
        XCTAssertEqual(g.confidentReal, 0.998)
        XCTAssertEqual(g.classFractions, [0.312, 0.635, 0.053])
        XCTAssertEqual(g.realClassFractions, [0.333, 0.335, 0.332])
        XCTAssertEqual(g.clean, 0.489)
        XCTAssertEqual(g.cleanReal, 1, "JSONEncoder writes 1.0 as 1; it must still read as a number")
    }

    /// A digits quality.json has no clean-sprite rate.
    func testWithoutCleanRateOnlyThatIsAbsent() throws {
        var report = Self.report
        report.clean = nil
        try GeneratorArtifact.writeJSON(report, to: folder.appendingPathComponent("quality.json"))
        var notes: [String] = []
        let g = try results(notes: &notes).generator
        XCTAssertEqual(g.confident, 0.654)
        XCTAssertEqual(g.classFractions?.count, 3)
        XCTAssertNil(g.clean)
        XCTAssertNil(g.cleanReal)
    }

    /// A quality.json written before these keys existed gives its Frechet figures and nothing else.
    func testOlderQualityJSONGivesOnlyTheFrechetFigures() throws {
        try Data("""
        {"frechet_distance": 12.5, "real_vs_real_frechet_distance": 0.5, "samples": 1000, "classifier": "toy",
         "attributes": [{"key": "V", "w1_in_std": 0.25}], "class_fractions": [0.5, "x"]}
        """.utf8).write(to: folder.appendingPathComponent("quality.json"))
        var notes: [String] = []
        let g = try results(notes: &notes).generator
        XCTAssertEqual(g.frechet, 12.5)
        XCTAssertEqual(g.wasserstein, ["V": 0.25])
        XCTAssertNil(g.confident)
        XCTAssertNil(g.confidentReal)
        XCTAssertNil(g.classFractions, "a list with a non-number is not half-read")
        XCTAssertNil(g.realClassFractions)
        XCTAssertNil(g.clean)
        XCTAssertNil(g.cleanReal)
    }

    func testNoQualityJSONIsUnavailableWithANote() throws {
        var notes: [String] = []
        let g = try results(notes: &notes).generator
        XCTAssertEqual(g.features, "unavailable")
        XCTAssertNil(g.confident)
        XCTAssertEqual(notes, ["generator quality unavailable: the quality artifact has no readable quality.json"])
    }
}
