import ArtifactContract
import Datasets
import Foundation
import XCTest
@testable import Evaluation

final class ResultsDeterminismTests: XCTestCase {
    /// The whole evaluation of a synthetic experiment, from seeds to results.json bytes.
    func resultsJSON(seed: UInt64, created: String) throws -> Data {
        let generator = CoordinateGenerator(latentDim: 4)
        let real = generator.generate(.normal(count: 200, dim: 4, seed: 99))
        let attributes = MeasuredAttribute.fromRealData(real, measurers: Toys.attributes(3).map(\.measurer))
        let evaluator = try EditorEvaluator(settings: Toys.settings(latents: 60, calibrate: true, seed: seed),
                                            attributes: attributes, generator: generator, classifier: SignClassifier(index: 3))
        let editors = [
            EditorUnderTest(name: "linear", seeds: [PlantedTranslations(coordinates: [2, 0, 1, 3], signs: [1, -1, 1, 1], speeds: [1, 1, 1, 1])]),
            EditorUnderTest(name: "warped", seeds: [ShearEditorPadded(c: 0.2), ShearEditorPadded(c: 0.3)]),
        ]
        var tables: [String: EditorTables] = [:]
        for e in editors { tables[e.name] = try evaluator.tables(e) }
        let quality = GeneratorQualityFigures(frechet: 1.25, frechetReal: 0.5, samples: 100, wasserstein: ["A0": 0.1],
                                              features: "identity_classifier")
        let results = ResultsAssembly.results(
            experiment: "toy", title: "Toy", provenance: Provenance(configHash: "h", seed: Int(seed), codeVersion: "v", created: created),
            attributes: attributes, generator: quality, tables: tables, evaluationProtocol: evaluator.evaluationProtocol)
        return try ArtifactJSON.encode(results)
    }

    func testSameSeedsGiveIdenticalBytesApartFromCreated() throws {
        let a = try resultsJSON(seed: 5, created: "2026-01-01T00:00:00Z")
        let b = try resultsJSON(seed: 5, created: "2026-01-01T00:00:00Z")
        XCTAssertEqual(a, b)
        let c = try resultsJSON(seed: 5, created: "2027-06-30T12:00:00Z")
        XCTAssertNotEqual(a, c) // only `created` differs...
        let strip = { (d: Data) in String(decoding: d, as: UTF8.self).split(separator: "\n").filter { !$0.contains("\"created\"") } }
        XCTAssertEqual(strip(a), strip(c))
        XCTAssertNotEqual(a, try resultsJSON(seed: 6, created: "2026-01-01T00:00:00Z")) // ...and the seed matters.
    }

    func testResultsCarryBothProtocolsSeedsAndIdentity() throws {
        let r = try ArtifactJSON.decode(Results.self, from: try resultsJSON(seed: 5, created: "x"), path: "toy")
        XCTAssertEqual(Set(r.editors.keys), ["linear", "warped"])
        XCTAssertEqual(Set(r.editorsFixedT?.keys ?? [:].keys), ["linear", "warped"])
        let warped = try XCTUnwrap(r.editors["warped"])
        XCTAssertEqual(warped.seeds?.count, 2)
        XCTAssertEqual(warped.seeds?.perSeed.count, 2)
        XCTAssertGreaterThan(warped.seeds?.std["commutativity_order"] ?? 0, 0)
        XCTAssertEqual(r.editors["linear"]?.commutativityOrder.mean ?? -1, 0, accuracy: 1e-9)
        XCTAssertGreaterThan(warped.commutativityOrder.mean, 1)
        XCTAssertNotNil(r.editors["linear"]?.identityError.perAttribute["A0"])
        XCTAssertEqual(r.editors["linear"]?.scoreMatrix?.count, 4)
        XCTAssertEqual(r.generator.features, "identity_classifier")
        XCTAssertEqual(r.evaluationProtocol?.calibrated, true)
        for (_, d) in r.editors["linear"]!.targetChange { XCTAssertEqual(d, 1, accuracy: 0.02) }
    }
}

/// The shear editor with a third direction on z2, for three attributes.
struct ShearEditorPadded: EditFunction {
    var c: Double
    var directions: Int { 3 }
    func edit(_ z: LatentBatch, direction k: Int, amounts: [Double]) -> LatentBatch {
        if k < 2 { return ShearEditor(c: c).edit(z, direction: k, amounts: amounts) }
        return PlantedTranslations(coordinates: [2], signs: [1], speeds: [1]).edit(z, direction: 0, amounts: amounts)
    }
}
