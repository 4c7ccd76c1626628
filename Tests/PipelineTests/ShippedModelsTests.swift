import Datasets
import Evaluation
import Foundation
import XCTest
@testable import Generators
import Pipeline

/// The generators shipped in models/ are what their committed configs train (issue #4:
/// "trained by the tool with a committed config whose seed and budget are recorded").
/// A shipped file is replaced by copying a trial's output, so these tests catch a config
/// left behind: the manifest beside each GAN file records the options of the run that
/// wrote it, and `train-gan` on the config must compute the same floats.
final class ShippedModelsTests: XCTestCase {
    static let models = SiteStageTests.repository.appendingPathComponent("models")

    /// The shipped GAN generators and their configs (`NAME.yaml`, `NAME.manifest.json`).
    static let gans = ["sprites-dcgan32", "mnist-dcgan32"]
    /// The shipped VAE decoders with a manifest (sprites-vae-init was taken from a run
    /// stopped early, and its config says so).
    static let vaes = ["sprites-vae-dcgan32", "sprites-vae64-init", "mnist-vae-init", "mnist-vae64-init"]
    /// Every shipped generator file with a config of the same name: the above and the
    /// manifest-less warm start.
    static let generators = gans + vaes + ["sprites-vae-init"]

    static func config(_ name: String) throws -> ExperimentConfig {
        try ConfigLoader.load(models.appendingPathComponent(name + ".yaml"))
    }

    /// The seed `train-gan` / `train-vae` give the generator stage of `config`.
    static func generatorSeed(_ config: ExperimentConfig) -> Int {
        StageSeed.derive(master: config.seed, stage: "generator")
    }

    /// The step, options (snake_case JSON) and, if the trainer recorded one, the warm start's
    /// SHA-256 in `NAME.manifest.json`.
    static func manifest(_ name: String) throws -> (step: Int, options: [String: Any], initialGeneratorHash: String?) {
        let manifest = try object(Data(contentsOf: models.appendingPathComponent(name + ".manifest.json")))
        return (try XCTUnwrap(manifest["step"] as? Int, name), try XCTUnwrap(manifest["options"] as? [String: Any], name),
                manifest["initial_generator_sha256"] as? String)
    }

    /// The run that wrote the file had the config's options, up to a budget that never
    /// reached a learning-rate decay (a run stopped early computes what the shorter config
    /// computes: `GANCheckpoint.continues`, the rule `--resume` applies), and stopped at
    /// the config's `steps`. The manifest's options are compared as the snake_case JSON the
    /// manifest holds (`encodeJSON`): `generatorLR` is written `generator_lr`, which
    /// `convertFromSnakeCase` reads back as `generatorLr`, so they do not decode as a struct.
    func testEachShippedGANIsWhatItsConfigTrains() throws {
        for name in Self.gans {
            let config = try Self.config(name)
            let options = GeneratorTraining.ganOptions(config.generator, seed: Self.generatorSeed(config))
            let (step, recordedOptions, initialGeneratorHash) = try Self.manifest(name)
            var recorded = recordedOptions
            XCTAssertEqual(step, options.steps, "\(name): the file is step \(step); the config's budget says \(options.steps)")
            // A warm start recorded by content may have been read from another path (a trial's
            // folder): the config's file must then be the same bytes.
            if let hash = initialGeneratorHash, let path = options.initialGenerator {
                let file = SiteStageTests.repository.appendingPathComponent(path)
                XCTAssertEqual(SHA256.hash(try Data(contentsOf: file)), hash, "\(name): \(path) is not the file the run started from")
                recorded["initial_generator"] = path
            }
            var trained = options
            trained.steps = try XCTUnwrap(recorded["steps"] as? Int, name)
            trained.lrDecayStart = recorded["lr_decay_start"] as? Int
            XCTAssertEqual(try Self.object(encodeJSON(trained)) as NSDictionary, recorded as NSDictionary,
                           "\(name): trained with options other than the config's")
            XCTAssertTrue(GANCheckpoint.continues(trained, as: options, atStep: step),
                          "\(name): trained for \(trained.steps) steps (decay from \(trained.lrDecayStart.map(String.init) ?? "none")), "
                          + "which differs from the config's schedule before step \(step)")
        }
    }

    /// A VAE file is the last step of a run with exactly the config's options.
    func testEachShippedVAEIsWhatItsConfigTrains() throws {
        for name in Self.vaes {
            let config = try Self.config(name)
            let options = GeneratorTraining.vaeOptions(config.generator, seed: Self.generatorSeed(config))
            let (step, recorded, _) = try Self.manifest(name)
            XCTAssertEqual(step, options.steps, name)
            XCTAssertEqual(try Self.object(encodeJSON(options)) as NSDictionary, recorded as NSDictionary,
                           "\(name): trained with options other than the config's")
        }
    }

    /// Each file loads as the config's architecture and stays within the 8 MB the issue allows.
    func testEachShippedGeneratorLoadsAsItsConfigSays() throws {
        for name in Self.generators {
            let url = Self.models.appendingPathComponent(name + ".safetensors")
            let bytes = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
            XCTAssertLessThanOrEqual(bytes, 8 << 20, "\(name): \(bytes) bytes")
            let g = try Self.config(name).generator
            let (generator, _) = try GeneratorFile.load(from: url)
            XCTAssertEqual([generator.width, generator.latentDim], [g.width, g.latentDim], name)
        }
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The identity classifiers shipped in models/identity were trained with their recipe's
    /// options (so the identity stage uses them instead of training its own) and reach the
    /// issue's held-out accuracy.
    func testShippedIdentityClassifiersAreTheirRecipes() throws {
        for (kind, minimum) in [(DatasetKind.sprites, 0.99), (.mnist, 0.98)] {
            let recipe = GeneratorEvaluation.classifierRecipe(for: DatasetConfig(kind: kind))
            let json = Self.models.appendingPathComponent("identity/\(recipe.name).json")
            let report = try decodeJSON(IdentityClassifiers.Report.self, from: Data(contentsOf: json))
            XCTAssertEqual(report.options, recipe.options, "\(recipe.name): retrain it with `curvilinear eval-gan`")
            XCTAssertGreaterThanOrEqual(report.testAccuracy, minimum, recipe.name)
            XCTAssertEqual(report.perturbedAccuracy != nil, recipe.options.perturbation != nil, recipe.name)
        }
    }
}
