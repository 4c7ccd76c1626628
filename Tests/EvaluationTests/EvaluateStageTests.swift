import ArtifactContract
import Editors
import Foundation
import Generators
import Tensor
import TestSupport
import XCTest
@testable import Evaluation
@testable import Pipeline

/// The evaluate stage on hand-made artifacts: a tiny random dcgan32 and editors saved
/// the way the generator and editor stages save them.
final class EvaluateStageTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws { root = try temporaryFolder() }

    func folder(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func write(_ json: String, _ url: URL) throws { try Data(json.utf8).write(to: url) }

    func makeInputs(sigmas: Bool = true) throws -> [String: URL] {
        var rng = RNG(seed: 1)
        let data = try folder("data-x"), generator = try folder("generator-x"), quality = try folder("quality-x")
        if sigmas {
            try write("""
            {"kind": "sprites", "count": 100, "channels": 3, "attributes": [
              {"key": "V", "std": 4.0}, {"key": "H", "std": 4.0}, {"key": "S", "std": 1.5},
              {"key": "B", "std": 0.2}, {"key": "C", "std": 60.0}]}
            """, data.appendingPathComponent("summary.json"))
        }
        try DCGAN32Generator(latentDim: 8, width: 4, channels: 3, rng: &rng).save(to: generator.appendingPathComponent("generator.safetensors"))
        try write("""
        {"frechet_distance": 12.5, "real_vs_real_frechet_distance": 0.5, "samples": 1000, "classifier": "toy",
         "attributes": [{"key": "V", "w1_in_std": 0.25}]}
        """, quality.appendingPathComponent("quality.json"))
        let linear = try folder("editor-linear-x"), curvilinear = try folder("editor-curvilinear-x")
        try EditorFile.save(LinearEditor(latentDim: 8, directions: 6, rng: &rng), to: linear.appendingPathComponent("editor.safetensors"),
                            metadata: ["seed": "100"])
        let seed1 = linear.appendingPathComponent("seeds/seed-1")
        try FileManager.default.createDirectory(at: seed1, withIntermediateDirectories: true)
        try EditorFile.save(LinearEditor(latentDim: 8, directions: 6, rng: &rng), to: seed1.appendingPathComponent("editor.safetensors"),
                            metadata: ["seed": "101"])
        try write("""
        {"kind": "linear", "seeds": [{"seed": 100, "summary": {"steps": 40, "wall_s": 2.5, "held_out_accuracy": 0.5}}]}
        """, linear.appendingPathComponent("training.json"))
        try EditorFile.save(CurvilinearEditor(latentDim: 8, directions: 5, layers: 2, hidden: 8, rng: &rng),
                            to: curvilinear.appendingPathComponent("editor.safetensors"))
        // An identity artifact without a classifier: the identity error is omitted with a note.
        return ["t/data": data, "t/identity": try folder("identity-x"), "t/generator": generator, "t/quality": quality,
                "t/editor-linear": linear, "t/editor-curvilinear": curvilinear]
    }

    func section() -> EvaluateSection {
        var evaluation = EvaluationConfig(measurers: .sprites)
        evaluation.latents = 6
        evaluation.points = 3
        evaluation.strength = 1
        var linear = EditorConfig(kind: .linear)
        linear.seeds = 2
        return EvaluateSection(evaluation: evaluation, measurers: .sprites,
                               editors: [linear, EditorConfig(kind: .curvilinear)])
    }

    func context(_ inputs: [String: URL]) -> StageContext {
        StageContext(stageName: "t/evaluate", seed: 42, inputs: inputs,
                     progress: ProgressReporter(mode: .quiet, sink: { _ in }), threads: 1)
    }

    func testWritesResultsAndTablesFromArtifacts() throws {
        let out = try folder("out")
        try EvaluateStage.run(section(), context: context(try makeInputs()), outputDir: out)
        let results = try ArtifactJSON.decode(Results.self, from: out.appendingPathComponent("results.json"))
        XCTAssertEqual(results.experiment, "t")
        XCTAssertEqual(results.attributes.map(\.key), ["V", "H", "S", "B", "C"])
        XCTAssertEqual(results.attributes[4].std, 60)
        XCTAssertEqual(Set(results.editors.keys), ["linear", "curvilinear"])
        XCTAssertEqual(Set(results.editorsFixedT?.keys ?? [:].keys), ["linear", "curvilinear"])
        XCTAssertEqual(results.editors["linear"]?.seeds?.count, 2)
        XCTAssertEqual(results.editors["linear"]?.training?.steps, 40)
        XCTAssertEqual(results.editors["linear"]?.training?.accuracy, 50)
        XCTAssertEqual(results.editors["curvilinear"]?.samples, 6)
        XCTAssertEqual(results.generator.frechet, 12.5)
        XCTAssertEqual(results.generator.wasserstein, ["V": 0.25])
        XCTAssertEqual(results.generator.features, "identity_classifier:toy")
        XCTAssertNotNil(results.editors["linear"]?.identityError.unavailable)
        XCTAssertTrue(results.notes?.contains { $0.hasPrefix("identity error omitted") } ?? false)
        XCTAssertEqual(results.provenance.seed, 42)
        for name in ["metrics.csv", "metrics.tex", "metrics_fixed_T.csv", "side_effect_linear.tex", "commutativity_curvilinear_fixed_T.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("tables/" + name).path), name)
        }
    }

    /// An identity artifact whose classifier is there but unusable (damaged, or made by
    /// another recipe) fails the stage, naming the fix, instead of caching results.json
    /// without its identity error.
    func testAnUnusableIdentityClassifierFailsTheStage() throws {
        var inputs = try makeInputs()
        try GeneratorArtifact.writeJSON(DataStage.DatasetRecord(dataset: DatasetConfig(kind: .sprites), seed: 3),
                                        to: inputs["t/data"]!.appendingPathComponent("dataset.json"))
        let identity = try folder("identity-broken")
        try write(#"{"name": "sprites-shape-lenet"}"#, identity.appendingPathComponent("sprites-shape-lenet.json"))
        inputs["t/identity"] = identity
        let out = try folder("out")
        XCTAssertThrowsError(try EvaluateStage.run(section(), context: context(inputs), outputDir: out)) { error in
            XCTAssertTrue("\(error)".contains("sprites-shape-lenet"), "\(error)")
            XCTAssertTrue("\(error)".hasSuffix("rerun with --force identity"), "\(error)")
        }
    }

    func testMissingSigmasAreAReadError() throws {
        XCTAssertThrowsError(try EvaluateStage.run(section(), context: context(try makeInputs(sigmas: false)),
                                                   outputDir: try folder("out"))) { error in
            XCTAssertTrue("\(error)".contains("no std of attribute V"), "\(error)")
        }
    }
}

final class ArtifactReadingTests: XCTestCase {
    func testDatasetConfigRoundTripsThroughSnakeCaseJSON() throws {
        struct Record: Encodable { var dataset: DatasetConfig; var seed: Int }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let url = try temporaryFolder().appendingPathComponent("dataset.json")
        let dataset = DatasetConfig(kind: .idx, images: "a.idx", labels: "b.idx")
        try encoder.encode(Record(dataset: dataset, seed: 3)).write(to: url)
        XCTAssertEqual(ArtifactReading.datasetConfig(url), dataset)
        XCTAssertNil(ArtifactReading.datasetConfig(url.appendingPathExtension("missing")))
    }

    func testSettingsFollowTheConfig() throws {
        var c = EvaluationConfig(measurers: .digits)
        c.latents = 700; c.strength = 2.5; c.calibrate = false; c.targetChange = 0.5; c.points = 11
        let s = try EvaluateStage.settings(c, seed: 9)
        XCTAssertEqual([s.latents, s.points, s.matchingLatents, s.calibrationLatents], [700, 11, 128, 256])
        XCTAssertEqual(s.strength, 2.5); XCTAssertEqual(s.targetChange, 0.5); XCTAssertFalse(s.calibrate)
        XCTAssertEqual(s.seed, 9)
        c.points = 2
        XCTAssertThrowsError(try EvaluateStage.settings(c, seed: 9))
    }
}

final class EvaluateCaveatTests: XCTestCase {
    func testUnreachedCalibrationAndWeakMatchesAreNoted() {
        var calibrated = ExportTests.tinyResults().editors["curvilinear_iso"]!
        calibrated.calibration = ["V": Calibration(achieved: 0.4, reached: false, latents: 256),
                                  "H": Calibration(achieved: 1.3, reached: false, latents: 256),
                                  "B": Calibration(achieved: 1, reached: true, latents: 256)]
        calibrated.matching[1].score = 0.1
        let notes = EvaluateStage.caveats("iso", EditorTables(calibrated: calibrated, fixed: calibrated), target: 1)
        XCTAssertEqual(notes, [
            "editor iso: calibration stayed below the target change for V (at most 16 T, or a bisection that did not settle); "
                + "those edits are weaker than the others",
            "editor iso: calibration ended above the target change for H (a bisection that did not settle: the change is not "
                + "monotone in T); those edits are stronger than the others",
            "editor iso: no direction moves B consistently (matching score below 0.3)",
        ])
        XCTAssertEqual(EvaluateStage.caveats("x", EditorTables(calibrated: nil, fixed: ExportTests.tinyResults().editors["curvilinear_iso"]!),
                                             target: 1), [])
        // Two seeds: the combined table keeps each seed's calibration under `seeds.per_seed`.
        var reached = calibrated
        reached.calibration = ["V": Calibration(achieved: 1, reached: true, latents: 256)]
        let combined = SeedAggregation.combine([reached, calibrated])!
        XCTAssertNil(combined.calibration)
        XCTAssertEqual(EvaluateStage.caveats("iso", EditorTables(calibrated: combined, fixed: combined), target: 1), notes)
    }
}
