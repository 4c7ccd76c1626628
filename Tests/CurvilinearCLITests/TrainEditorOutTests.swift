import Foundation
import Generators
import Pipeline
import Tensor
import TestSupport
import XCTest
@testable import CurvilinearCLI

/// `train-editor --out DIR --generator FILE`: the editor stage's files under DIR/NAME,
/// trained with the seed `report` derives for that editor, the folder written whole.
final class TrainEditorOutTests: XCTestCase {
    func testTrainsIntoTheFolderWithTheStageSeedAndLeavesNoHalfFolder() throws {
        let folder = try temporaryFolder()
        var rng = RNG(seed: 4)
        let generatorURL = folder.appendingPathComponent("g.safetensors")
        try DCGAN32Generator(latentDim: 8, width: 4, channels: 3, rng: &rng).save(to: generatorURL)
        try """
        name: tiny
        seed: 3
        dataset: {kind: sprites, count: 100}
        generator: {width: 4, latent_dim: 8}
        editors:
          - {kind: linear, directions: 3, steps: 2, batch: 4}
        evaluation: {latents: 4, points: 3, attributes: [V, B, S]}
        """.write(to: folder.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let arguments = ["train-editor", "tiny", "--experiments-dir", folder.path, "--generator", generatorURL.path,
                         "--out", out.path, "--threads", "1", "--quiet"]
        XCTAssertEqual(CommandOutcome.execute(arguments, output: { _ in }, errors: { _ in }), 0)
        let linear = out.appendingPathComponent("linear")
        for file in ["editor.safetensors", "reconstructor.safetensors", "training.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: linear.appendingPathComponent(file).path), file)
        }
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: linear.appendingPathComponent("training.json")))
        let seeds = try XCTUnwrap((record as? [String: Any])?["seeds"] as? [[String: Any]])
        XCTAssertEqual(seeds.first?["seed"] as? Int, StageSeed.derive(master: 3, stage: "editor-linear"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["linear"], "no temporary folder left")

        // A failing run (a generator file that is not one) leaves the earlier folder as it was.
        let before = try Data(contentsOf: linear.appendingPathComponent("editor.safetensors"))
        let bad = folder.appendingPathComponent("bad.safetensors")
        try Data("not safetensors".utf8).write(to: bad)
        var errors = ""
        let failed = arguments.map { $0 == generatorURL.path ? bad.path : $0 }
        XCTAssertEqual(CommandOutcome.execute(failed, output: { _ in }, errors: { errors += $0 }), 1)
        XCTAssertTrue(errors.contains(bad.path), errors)
        XCTAssertEqual(try Data(contentsOf: linear.appendingPathComponent("editor.safetensors")), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["linear"])
    }
}
