import Foundation
import XCTest
import Generators
@testable import Pipeline

/// The repository root, from this file's path (tests need no resources).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

final class ConfigTests: XCTestCase {
    func parse(_ text: String) throws -> ExperimentConfig {
        try ConfigLoader.parse(text, file: "exp.yaml", defaultName: "exp")
    }

    /// The one-line message of the error `text` raises.
    func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try parse(text)
            XCTFail("expected an error", file: file, line: line)
            return ""
        } catch {
            return String(describing: error)
        }
    }

    func testShippedExperimentsLoad() throws {
        let library = ExperimentLibrary(folder: repositoryRoot.appendingPathComponent("content/experiments"))
        XCTAssertEqual(library.names(), ["mnist", "sprites", "sprites-full"])
        let sprites = try library.load("sprites")
        XCTAssertEqual(sprites.name, "sprites")
        XCTAssertEqual(sprites.editors.map(\.kind), [.linear, .warped, .curvilinear, .curvilinearIso, .sefa, .ganspace])
        XCTAssertEqual(sprites.editors[0].steps, 2000)
        XCTAssertEqual(sprites.editors[0].batch, 32)
        XCTAssertEqual(sprites.editors[3].beta, 1.0)
        XCTAssertEqual(sprites.render.commutativity, ["V", "B", "S"])
        let mnist = try library.load("mnist")
        XCTAssertEqual(mnist.dataset.measurers, .digits)
        XCTAssertEqual(mnist.evaluation.attributes, ["W", "T", "A"])
    }

    /// sprites-full is the default sprites protocol with 3 seeds per trained editor,
    /// nothing else: the two files must not drift apart.
    func testSpritesFullDiffersFromSpritesOnlyInSeeds() throws {
        let library = ExperimentLibrary(folder: repositoryRoot.appendingPathComponent("content/experiments"))
        let sprites = try library.load("sprites"), full = try library.load("sprites-full")
        XCTAssertEqual(full.editors.map(\.seeds), [3, 3, 3, 3, 1, 1])
        var editors = full.editors
        for i in editors.indices { editors[i].seeds = sprites.editors[i].seeds }
        XCTAssertEqual(editors, sprites.editors)
        XCTAssertEqual(full.dataset, sprites.dataset)
        XCTAssertEqual(full.generator, sprites.generator)
        XCTAssertEqual(full.evaluation, sprites.evaluation)
        XCTAssertEqual(full.render, sprites.render)
        XCTAssertEqual(full.seed, sprites.seed)
    }

    func testDefaultsFillAMinimalConfig() throws {
        let config = try parse("dataset: {kind: sprites}\n")
        XCTAssertEqual(config.name, "exp")
        XCTAssertEqual(config.title, "exp")
        XCTAssertEqual(config.seed, 0)
        XCTAssertEqual(config.dataset.measurers, .sprites)
        XCTAssertEqual(config.generator.train, GANTrainConfig())
        XCTAssertEqual(config.editors.map(\.name), ["linear", "warped", "curvilinear", "curvilinear_iso", "sefa", "ganspace"])
        XCTAssertEqual(config.editors[2].beta, 0)
        XCTAssertEqual(config.evaluation.attributes, ["V", "H", "S", "B", "C"])
        XCTAssertEqual(config.editors[0].epsMin, 0.5)
        XCTAssertEqual(config.editors[0].epsMax, 6)
        XCTAssertEqual(config, ExperimentConfig(name: "exp", dataset: DatasetConfig(kind: .sprites)))
        XCTAssertNil(config.generator.qualitySamples, "the default is not encoded, so existing stage keys stay")
    }

    func testQualitySamplesIsReadAndChecked() throws {
        XCTAssertEqual(try parse("dataset: {kind: sprites}\ngenerator: {quality_samples: 200}\n").generator.qualitySamples, 200)
        XCTAssertTrue(failure("dataset: {kind: sprites}\ngenerator: {quality_samples: 5}\n").contains("generator.quality_samples"))
    }

    func testLearningRateDecayReachesTheTrainer() throws {
        let config = try parse("dataset: {kind: sprites}\ngenerator:\n  train: {steps: 100, lr_decay_start: 60}\n")
        XCTAssertEqual(GeneratorTraining.ganOptions(config.generator, seed: 1).lrDecayStart, 60)
        XCTAssertNil(GeneratorTraining.ganOptions(try parse("dataset: {kind: sprites}\n").generator, seed: 1).lrDecayStart)
        let encoded = String(decoding: try JSONEncoder().encode(GANTrainConfig()), as: UTF8.self)
        XCTAssertFalse(encoded.contains("lrDecayStart"), "absent, so existing stage keys stay")
    }

    func testDiscriminatorWarmupReachesTheTrainer() throws {
        let config = try parse("dataset: {kind: sprites}\ngenerator:\n  train: {steps: 100, d_warmup: 20}\n")
        XCTAssertEqual(GeneratorTraining.ganOptions(config.generator, seed: 1).discriminatorWarmup, 20)
        let encoded = String(decoding: try JSONEncoder().encode(GANTrainConfig()), as: UTF8.self)
        XCTAssertFalse(encoded.contains("dWarmup"), "absent, so existing stage keys stay")
        XCTAssertEqual(failure("dataset: {kind: sprites}\ngenerator:\n  train: {steps: 100, d_warmup: 100}\n"),
                       "exp.yaml:3: generator.train.d_warmup: 100 is out of range; allowed: 0...99")
    }

    func testDiscriminatorKindAndWidthReachTheTrainer() throws {
        let config = try parse("dataset: {kind: sprites}\ngenerator:\n  width: 32\n  train: {discriminator: sngan_cnn32_mbstd, d_width: 16}\n")
        let options = GeneratorTraining.ganOptions(config.generator, seed: 1)
        XCTAssertEqual(options.discriminator, .snganCNN32MinibatchStd)
        XCTAssertEqual(options.discriminatorWidth, 16)
        XCTAssertEqual(options.width, 32)
        XCTAssertEqual(GeneratorTraining.ganOptions(try parse("dataset: {kind: sprites}\ngenerator: {width: 24}\n").generator,
                                                    seed: 1).discriminatorWidth, 24, "default: the generator's width")
        let encoded = String(decoding: try JSONEncoder().encode(GANTrainConfig()), as: UTF8.self)
        XCTAssertFalse(encoded.contains("dWidth"), "absent, so existing stage keys stay")
        XCTAssertEqual(failure("dataset: {kind: sprites}\ngenerator:\n  train: {d_width: 0}\n"),
                       "exp.yaml:3: generator.train.d_width: 0 is out of range; allowed: 1...1024")
    }

    func testAugmentationReachesTheTrainer() throws {
        let config = try parse("dataset: {kind: sprites}\ngenerator:\n  train: {augment: [cutout, color]}\n")
        XCTAssertEqual(GeneratorTraining.ganOptions(config.generator, seed: 1).augment, [.cutout, .color])
        for none in ["generator:\n  train: {steps: 10}", "generator:\n  train: {augment: []}"] {
            let config = try parse("dataset: {kind: sprites}\n\(none)\n")
            XCTAssertNil(GeneratorTraining.ganOptions(config.generator, seed: 1).augment, none)
            XCTAssertFalse(String(decoding: try JSONEncoder().encode(config.generator), as: UTF8.self).contains("augment"),
                           "absent, so existing stage keys stay")
        }
        XCTAssertEqual(Defaults.augmentations, Augmentation.allCases.map(\.rawValue))
        XCTAssertEqual(failure("dataset: {kind: sprites}\ngenerator:\n  train: {augment: [colour]}\n"),
                       "exp.yaml:3: generator.train.augment[0]: unknown value 'colour'; did you mean 'color'? allowed: color | translation | cutout")
        XCTAssertEqual(failure("dataset: {kind: sprites}\ngenerator:\n  train: {augment: translation}\n"),
                       "exp.yaml:3: generator.train.augment: expected a list such as [color, translation, cutout], got 'translation'")
    }

    func testGroupedMinibatchStdDevReachesTheTrainer() throws {
        let config = try parse("""
        dataset: {kind: sprites}
        generator:
          train: {discriminator: sngan_cnn32_mbstd, d_width: 8, mbstd_group: 4, mbstd_features: 16}
        """)
        let options = GeneratorTraining.ganOptions(config.generator, seed: 1)
        XCTAssertEqual(options.minibatchStdGroup, 4)
        XCTAssertEqual(options.minibatchStdFeatures, 16)
        XCTAssertNoThrow(try options.validate())
        let plain = try parse("dataset: {kind: sprites}\ngenerator:\n  train: {steps: 10}\n")
        let encoded = String(decoding: try JSONEncoder().encode(plain.generator), as: UTF8.self)
        XCTAssertFalse(encoded.contains("mbstdGroup") || encoded.contains("mbstdFeatures"), "absent, so existing stage keys stay")
        XCTAssertEqual(failure("dataset: {kind: sprites}\ngenerator:\n  train: {batch: 64, mbstd_group: 5}\n"),
                       "exp.yaml:3: generator.train.mbstd_group: 5 does not divide the batch (64); use a divisor such as 4")
        XCTAssertEqual(failure("dataset: {kind: sprites}\ngenerator:\n  train: {d_width: 8, mbstd_features: 3}\n"),
                       "exp.yaml:3: generator.train.mbstd_features: 3 does not divide the discriminator's 32 last feature channels; use a divisor such as 4")
        XCTAssertEqual(failure("dataset: {kind: sprites}\ngenerator:\n  train: {discriminator: sn_dcgan32, mbstd_group: 4}\n"),
                       "exp.yaml:3: generator.train.mbstd_group: needs a discriminator with a minibatch-stddev map (sn_dcgan32_mbstd, dcgan32_mbstd, sngan_cnn32_mbstd); this one is sn_dcgan32")
    }

    func testUnknownKeySuggestsTheNearestOne() {
        let message = failure("""
        dataset: {kind: sprites}
        editors:
          - kind: linear
            stpes: 100
        """)
        XCTAssertTrue(message.hasPrefix("exp.yaml:4: editors[0].stpes: unknown key; did you mean 'steps'? allowed keys here: "), message)
    }

    func testKeyOfAnotherEditorKindIsUnknown() {
        let message = failure("dataset: {kind: sprites}\neditors:\n  - {kind: linear, dipoles: 8}\n")
        XCTAssertTrue(message.hasPrefix("exp.yaml:3: editors[0].dipoles: unknown key; "), message)
    }

    func testWrongTypeNamesTheExpectedRange() {
        XCTAssertEqual(failure("dataset: {kind: sprites}\neditors:\n  - {kind: warped, dipoles: many}\n"),
                       "exp.yaml:3: editors[0].dipoles: expected an integer in 1...1024, got 'many'")
        XCTAssertEqual(failure("dataset: {kind: sprites}\nevaluation:\n  calibrate: maybe\n"),
                       "exp.yaml:3: evaluation.calibrate: expected true or false, got 'maybe'")
        XCTAssertEqual(failure("dataset: {kind: sprites}\nevaluation:\n  attributes: V\n"),
                       "exp.yaml:3: evaluation.attributes: expected a list such as [V, H, S], got 'V'")
    }

    func testOutOfRangeNamesTheAllowedRange() {
        XCTAssertEqual(failure("dataset: {kind: sprites}\neditors:\n  - {kind: linear, lr: 2}\n"),
                       "exp.yaml:3: editors[0].lr: 2 is out of range; allowed: (0, 1]")
        XCTAssertEqual(failure("dataset: {kind: sprites}\nevaluation: {strength: 0}\n"),
                       "exp.yaml:2: evaluation.strength: 0 is out of range; allowed: (0, 100]")
        XCTAssertEqual(failure("seed: -1\ndataset: {kind: sprites}\n"),
                       "exp.yaml:1: seed: -1 is out of range; allowed: 0...2147483647")
        XCTAssertEqual(failure("dataset: {kind: sprites}\ngenerator:\n  train: {steps: 100, lr_decay_start: 100}\n"),
                       "exp.yaml:3: generator.train.lr_decay_start: 100 is out of range; allowed: 0...99")
        XCTAssertEqual(failure("dataset: {kind: sprites}\neditors:\n  - {kind: linear, eps_min: 3, eps_max: 2}\n"),
                       "exp.yaml:3: editors[0].eps_max: eps_max (2.0) must exceed eps_min (3.0)")
        // One latent has no spread to bootstrap: refused here, not after the editors trained.
        XCTAssertEqual(failure("dataset: {kind: sprites}\nevaluation: {latents: 1}\n"),
                       "exp.yaml:2: evaluation.latents: 1 is out of range; allowed: 2...1000000")
    }

    /// The config accepts these names and the trainer maps them to its types, falling back
    /// to a default for an unknown one: every accepted name must be known to the trainer.
    func testEveryAllowedTrainingNameIsKnownToTheTrainer() {
        for name in Defaults.discriminators { XCTAssertNotNil(DiscriminatorKind(rawValue: name), name) }
        for name in Defaults.ganLosses { XCTAssertNotNil(GANLoss(rawValue: name), name) }
        for name in Defaults.augmentations { XCTAssertNotNil(Augmentation(rawValue: name), name) }
    }

    func testUnknownValuesSuggestAllowedOnes() {
        XCTAssertEqual(failure("dataset: {kind: sprite}\n"),
                       "exp.yaml:1: dataset.kind: unknown value 'sprite'; did you mean 'sprites'? allowed: sprites | mnist | idx")
        XCTAssertEqual(failure("dataset: {kind: sprites}\nevaluation: {attributes: [V, X]}\n"),
                       "exp.yaml:2: evaluation.attributes[1]: unknown value 'X'; allowed: V | H | S | B | C")
        XCTAssertEqual(failure("dataset: {kind: sprites}\nrender: {commutativity: [V, C]}\nevaluation: {attributes: [V, B]}\n"),
                       "exp.yaml:2: render.commutativity[1]: unknown value 'C'; allowed: V | B")
        XCTAssertEqual(failure("dataset: {kind: sprites}\nrender: {steps: 8}\n"),
                       "exp.yaml:2: render.steps: 8 columns have no middle one at t = 0; use an odd number such as 9")
    }

    func testStructuralProblems() {
        XCTAssertEqual(failure("name: x\n"), "exp.yaml:1: dataset: required section is missing; e.g. `dataset: {kind: sprites}`")
        XCTAssertEqual(failure("dataset: {kind: idx}\n"),
                       "exp.yaml:1: dataset.kind: kind idx needs `images: path/to/images-idx3-ubyte(.gz)`")
        XCTAssertEqual(failure("dataset: {kind: sprites}\ngenerator: {checkpoint: a.safetensors, train: {steps: 3}}\n"),
                       "exp.yaml:2: generator.train: give either `checkpoint` (load) or `train` (train one), not both")
        XCTAssertEqual(failure("dataset: {kind: sprites}\neditors:\n  - {kind: linear}\n  - {kind: linear}\n"),
                       "exp.yaml:4: editors[1].name: two editors are named 'linear'; give each a distinct `name:`")
        XCTAssertEqual(failure("name: My Run\ndataset: {kind: sprites}\n"),
                       "exp.yaml:1: name: 'My Run' must be lowercase letters, digits, '_' or '-' (it names folders)")
        XCTAssertEqual(failure("dataset: [sprites]\n"), "exp.yaml:1: dataset: expected a mapping of keys, got a list")
        XCTAssertEqual(failure("dataset: {kind: sprites}\nseed: 1\nseed: 2\n"), "exp.yaml:2: seed: key given twice; keep one")
        XCTAssertEqual(failure(""), "exp.yaml: the file is empty; see content/experiments/README.md")
    }

    /// Limits across sections fail at load, naming the key, not hours later in a stage.
    func testLimitsAcrossSectionsFailAtLoad() throws {
        XCTAssertEqual(failure("dataset: {kind: sprites}\neditors:\n  - {kind: linear, directions: 3}\n"),
                       "exp.yaml: editors[0].directions: 3 directions cannot match 5 attributes (V, H, S, B, C); give at least 5")
        XCTAssertEqual(failure("dataset: {kind: sprites}\ngenerator: {latent_dim: 8}\neditors:\n  - {kind: sefa, directions: 9}\n"),
                       "exp.yaml: editors[0].directions: sefa has one direction per latent axis at most: 9 > latent_dim 8")
        XCTAssertEqual(failure("dataset: {kind: sprites}\neditors:\n  - {kind: ganspace, directions: 128, samples: 100}\n"),
                       "exp.yaml: editors[0].samples: 100 samples cannot give 128 principal components; give more samples than directions")
        XCTAssertEqual(failure("dataset: {kind: sprites, count: 100}\ngenerator: {train: {batch: 128}}\n"),
                       "exp.yaml:1: dataset.count: 100 sprites are fewer than generator.train.batch (128); raise count or lower batch")
        XCTAssertEqual(failure("dataset: {kind: sprites}\nevaluation: {attributes: [V]}\n"),
                       "exp.yaml:2: evaluation.attributes: list at least 2 attributes (side effects and commutativity compare pairs), got 1")
        XCTAssertEqual(try parse("dataset: {kind: mnist}\nevaluation: {attributes: [W, Ht]}\n").evaluation.attributes, ["W", "Ht"])
        XCTAssertEqual(failure("name: results\ndataset: {kind: sprites}\n"),
                       "exp.yaml:1: name: 'results' is reserved (results) or starts with '_' or '-'; start it with a letter or digit")
        XCTAssertTrue(failure("name: _draft\ndataset: {kind: sprites}\n").contains("starts with '_' or '-'"))
        XCTAssertTrue(failure("dataset: {kind: fashion_mnist}\n").contains("allowed: sprites | mnist | idx"))
    }

    /// The grid's default attributes are the same with or without a `render` section: the
    /// measurers' default among those evaluated, else the first three evaluated.
    func testDefaultCommutativityFollowsTheEvaluatedAttributes() throws {
        let bare = try parse("dataset: {kind: sprites}\nevaluation: {attributes: [V, H, B]}\n")
        let written = try parse("dataset: {kind: sprites}\nevaluation: {attributes: [V, H, B]}\nrender: {latents: 6}\n")
        XCTAssertEqual(bare.render.commutativity, ["V", "B"])
        XCTAssertEqual(bare.render, written.render)
        XCTAssertEqual(try parse("dataset: {kind: sprites}\nevaluation: {attributes: [H, C, V]}\n").render.commutativity,
                       ["H", "C", "V"], "only V of V, B, S is evaluated: the first three evaluated")
        XCTAssertEqual(try parse("dataset: {kind: sprites}\n").render.commutativity, ["V", "B", "S"])
    }

    func testYAMLSyntaxErrorsCarryTheirLine() {
        let message = failure("dataset: {kind: sprites}\neditors: [\n  {kind: linear\n")
        XCTAssertTrue(message.hasPrefix("exp.yaml:"), message)
        XCTAssertTrue(message.contains("YAML syntax"), message)
    }

    func testTwoEditorsOfOneKindWithNames() throws {
        let config = try parse("dataset: {kind: sprites}\neditors:\n  - {kind: linear}\n  - {kind: linear, name: linear-long, steps: 9000}\n")
        XCTAssertEqual(config.editors.map(\.name), ["linear", "linear-long"])
        XCTAssertEqual(config.editors[1].steps, 9000)
    }

    func testCanonicalEncodingIgnoresSpellingOfDefaults() throws {
        let implicit = try parse("dataset: {kind: sprites}\neditors: [{kind: linear}]\n")
        let explicit = try parse("""
        dataset: {kind: sprites, count: 50000}
        seed: 0
        editors: [{lr: 0.001, kind: linear, steps: 2000, name: linear}]
        """)
        XCTAssertEqual(try CanonicalJSON.string(implicit), try CanonicalJSON.string(explicit))
        XCTAssertEqual(try CanonicalJSON.string(implicit.editors[0]),
                       #"{"batch":32,"directions":16,"eps_max":6,"eps_min":0.5,"kind":"linear","lambda":0.25,"lr":0.001,"name":"linear","seeds":1,"steps":2000}"#)
    }

    func testEditorEncodingRoundTrips() throws {
        var editor = EditorConfig(kind: .curvilinearIso, name: "iso")
        editor.layers = 4
        let data = try CanonicalJSON.encode(editor)
        let decoder = JSONDecoder()
        XCTAssertEqual(try decoder.decode(EditorConfig.self, from: data), editor)
    }

    /// content/experiments/README.md mirrors the table in Defaults.swift.
    func testReadmeMirrorsTheDefaultsTable() throws {
        let source = try String(contentsOf: repositoryRoot.appendingPathComponent("Sources/Pipeline/Config/Defaults.swift"), encoding: .utf8)
        let table = source.split(separator: "\n").filter { $0.hasPrefix("/// |") }.map { String($0.dropFirst(4)) }
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("content/experiments/README.md"), encoding: .utf8)
        let mirrored = readme.split(separator: "\n").filter { $0.hasPrefix("|") }.map(String.init)
        XCTAssertGreaterThan(table.count, 40)
        XCTAssertEqual(mirrored, table)
    }

    func testSuggestions() {
        XCTAssertEqual(Suggest.editDistance("stpes", "steps"), 1)
        XCTAssertEqual(Suggest.closest(to: "latnet_dim", in: ["latent_dim", "width"]), "latent_dim")
        XCTAssertNil(Suggest.closest(to: "zzz", in: ["steps", "batch"]))
    }
}
