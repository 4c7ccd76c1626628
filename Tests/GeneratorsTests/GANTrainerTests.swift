import Datasets
import Foundation
import NN
import Tensor
import TestSupport
import XCTest
@testable import Generators

/// The GAN trainer on a tiny config: resume is bit-identical, non-finite losses stop it.
final class GANTrainerTests: XCTestCase {
    private func tinyOptions(discriminator: DiscriminatorKind = .snDCGAN32, ema: Float = 0.9) -> GANTrainingOptions {
        var o = GANTrainingOptions()
        o.steps = 6
        o.batch = 4
        o.width = 4
        o.discriminatorWidth = 4
        o.latentDim = 8
        o.discriminatorSteps = 2
        o.emaDecay = ema
        o.checkpointEvery = 3
        o.discriminator = discriminator
        o.seed = 11
        return o
    }

    private func images() throws -> TrainingImages {
        try TrainingImages(SpriteGenerator(seed: 3).sprites(0..<24).labeled.images, seed: 5)
    }

    private func bits(_ losses: [(discriminator: Float, generator: Float)]) -> [UInt32] {
        losses.flatMap { [$0.discriminator.bitPattern, $0.generator.bitPattern] }
    }

    /// Fewer images than the batch: every batch is the whole set, so a minibatch-stddev group
    /// that divides the batch but not the set is refused up front (it used to trap in the layer).
    func testAGroupThatDoesNotDivideASmallDataSetIsRefused() throws {
        var o = tinyOptions(discriminator: .snDCGAN32MinibatchStd)
        o.batch = 8
        o.minibatchStdGroup = 4
        let six = try TrainingImages(SpriteGenerator(seed: 3).sprites(0..<6).labeled.images, seed: 5)
        XCTAssertThrowsError(try GANTrainer(options: o, images: six)) { error in
            XCTAssertEqual(error as? GANTrainingError,
                           .badOption(name: "mbstd_group", value: "4", allowed: "a divisor of the batch drawn, 6 (the data set has 6 images)"))
        }
        XCTAssertNoThrow(try GANTrainer(options: o, images: images()))
    }

    func testResumeContinuesBitIdentically() throws {
        // Separate and concatenated scoring; and augmentation, whose draws must be part of the step's seed.
        let cases: [(DiscriminatorKind, [Augmentation]?)] = [(.snDCGAN32MinibatchStd, nil), (.dcgan32, nil),
                                                             (.snganCNN32MinibatchStd, nil),
                                                             (.snDCGAN32MinibatchStd, [.cutout, .color, .translation])]
        for (kind, augment) in cases {
            BLAS.setThreads(1)
            var options = tinyOptions(discriminator: kind)
            options.augment = augment
            let straight = try GANTrainer(options: options, images: images())
            try straight.train(checkpointFolder: nil)

            let folder = try temporaryFolder()
            let first = try GANTrainer(options: options, images: images())
            try first.train(until: 3, checkpointFolder: folder)
            let resumed = try GANTrainer(options: options, images: images())
            try GANCheckpoint.resume(resumed, from: folder)
            XCTAssertEqual(resumed.step, 3)
            try resumed.train(checkpointFolder: folder)

            XCTAssertEqual(bits(first.losses) + bits(resumed.losses), bits(straight.losses), "\(kind)")
            let a = straight.generator.stateDict(), b = resumed.generator.stateDict()
            for name in a.keys.sorted() {
                XCTAssertEqual(a[name]?.scalars.map(\.bitPattern), b[name]?.scalars.map(\.bitPattern), "\(kind) \(name)")
            }
            let ea = try XCTUnwrap(straight.ema).average.stateDict(), eb = try XCTUnwrap(resumed.ema).average.stateDict()
            for name in ea.keys.sorted() {
                XCTAssertEqual(ea[name]?.scalars.map(\.bitPattern), eb[name]?.scalars.map(\.bitPattern), "ema \(name)")
            }
        }
    }

    func testCheckpointFolderHoldsTheDocumentedFiles() throws {
        let folder = try temporaryFolder()
        let trainer = try GANTrainer(options: tinyOptions(), images: images())
        trainer.codeVersion = "v-test"
        try trainer.train(checkpointFolder: folder)
        for name in ["training.safetensors", "generator.safetensors", "manifest.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), name)
        }
        let (generator, metadata) = try GeneratorFile.load(from: GANCheckpoint.generatorFile(in: folder))
        XCTAssertEqual(generator.width, 4)
        XCTAssertEqual(generator.latentDim, 8)
        XCTAssertEqual(metadata["step"], "6")
        XCTAssertEqual(metadata["kind"], "gan")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: GANCheckpoint.manifestFile(in: folder)))
        XCTAssertEqual((manifest as? [String: Any])?["step"] as? Int, 6)
        // Provenance: the code and the thread count the floats depend on.
        XCTAssertEqual((manifest as? [String: Any])?["code_version"] as? String, "v-test")
        XCTAssertEqual((manifest as? [String: Any])?["threads"] as? Int, BLAS.threads)
        XCTAssertEqual((manifest as? [String: Any])?["blas_core"] as? String, BLAS.coreName)
    }

    /// The warm start is recorded by content as well as by path: the same bytes at another
    /// path (a trial's folder, then models/) are the same start.
    func testManifestRecordsTheWarmStartsHash() throws {
        func manifest(_ folder: URL) throws -> [String: Any] {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: GANCheckpoint.manifestFile(in: folder))) as? [String: Any])
        }
        let cold = try temporaryFolder()
        try GANTrainer(options: tinyOptions(), images: images()).train(until: 3, checkpointFolder: cold)
        XCTAssertNil(try manifest(cold)["initial_generator_sha256"], "no warm start, no hash")

        let start = GANCheckpoint.generatorFile(in: cold)
        var options = tinyOptions()
        options.initialGenerator = start.path
        let warm = try temporaryFolder()
        try GANTrainer(options: options, images: images()).train(until: 3, checkpointFolder: warm)
        let recorded = try XCTUnwrap(try manifest(warm)["initial_generator_sha256"] as? String)
        XCTAssertEqual(recorded, SHA256.hash(try Data(contentsOf: start)))
        XCTAssertEqual(recorded.count, 64)

        // A resume names the file of step 0, even if the path now holds other bytes.
        try GANTrainer(options: tinyOptions(), images: images()).train(until: 1, checkpointFolder: cold)
        XCTAssertNotEqual(SHA256.hash(try Data(contentsOf: start)), recorded, "the path now holds another generator")
        let resumed = try GANTrainer(options: options, images: images())
        try GANCheckpoint.resume(resumed, from: warm)
        try resumed.train(until: 4, checkpointFolder: warm)
        XCTAssertEqual(try manifest(warm)["step"] as? Int, 4)
        XCTAssertEqual(try manifest(warm)["initial_generator_sha256"] as? String, recorded)
    }

    func testResumeRejectsADifferentConfig() throws {
        let folder = try temporaryFolder()
        try GANTrainer(options: tinyOptions(), images: images()).train(until: 3, checkpointFolder: folder)
        var other = tinyOptions()
        other.generatorLR = 1e-3
        other.emaDecay = 0.5
        let trainer = try GANTrainer(options: other, images: images())
        // The message names the differing config keys and values, not two JSON blobs.
        XCTAssertThrowsError(try GANCheckpoint.resume(trainer, from: folder)) { error in
            XCTAssertEqual(error as? GANTrainingError, .checkpointMismatch(file: GANCheckpoint.stateFile(in: folder).path,
                                                                          key: "ema, lr", expected: "0.5, 0.001", found: "0.9, 0.0002"))
            XCTAssertTrue("\(error)".hasSuffix("checkpoint was trained with ema, lr = 0.9, 0.0002, the run asks for 0.5, 0.001; "
                                               + "use the same config to resume"), "\(error)")
        }
    }

    /// Resuming on other data (another file, another sprite count) is refused by name.
    func testResumeRejectsOtherData() throws {
        let folder = try temporaryFolder()
        try GANTrainer(options: tinyOptions(), images: images()).train(until: 3, checkpointFolder: folder)
        let fewer = try TrainingImages(SpriteGenerator(seed: 3).sprites(0..<20).labeled.images, seed: 5)
        XCTAssertThrowsError(try GANCheckpoint.resume(GANTrainer(options: tinyOptions(), images: fewer), from: folder)) { error in
            guard case let GANTrainingError.checkpointMismatch(_, key, expected, found) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "data")
            XCTAssertTrue(found.hasPrefix("24 images of 3x32x32, sample SHA-256 ") && expected.hasPrefix("20 images of 3x32x32"), "\(error)")
        }
        XCTAssertNoThrow(try GANCheckpoint.resume(GANTrainer(options: tinyOptions(), images: images()), from: folder))
    }

    /// A checkpoint whose step or options were damaged is refused with the file and the
    /// entry named, never restored (a negative step used to trap in the stage seed).
    func testDamagedCheckpointMetadataIsRefusedByName() throws {
        let folder = try temporaryFolder()
        try GANTrainer(options: tinyOptions(), images: images()).train(until: 3, checkpointFolder: folder)
        let file = GANCheckpoint.stateFile(in: folder)
        let good = try SafetensorsFile.read(from: file)
        func resumeAfter(_ damage: (inout SafetensorsFile) -> Void) throws -> Error? {
            var state = good
            damage(&state)
            try state.write(to: file)
            do {
                try GANCheckpoint.resume(GANTrainer(options: tinyOptions(), images: images()), from: folder)
                return nil
            } catch { return error }
        }
        let negative = try resumeAfter { $0.metadata["step"] = "-1" }
        XCTAssertEqual(negative as? GANTrainingError, .checkpointIncomplete(file: file.path, tensor: "__metadata__.step"))
        let anonymous = try resumeAfter { $0.metadata["options"] = nil }
        XCTAssertEqual(anonymous as? GANTrainingError, .checkpointIncomplete(file: file.path, tensor: "__metadata__.options"))
        let adam = try resumeAfter { $0.tensors["adam_g.step"] = StoredTensor(shape: [1], values: [.nan]) }
        guard case let .checkpointUnreadable(path, reason)? = adam as? GANTrainingError else { return XCTFail("\(String(describing: adam))") }
        XCTAssertEqual(path, file.path)
        XCTAssertTrue(reason.contains("tensor 'adam_g.step' holds nan"), reason)
        XCTAssertNil(try resumeAfter { _ in })
    }

    func testNonFiniteLossStopsAndKeepsTheLastGoodCheckpoint() throws {
        let folder = try temporaryFolder()
        let trainer = try GANTrainer(options: tinyOptions(), images: images())
        try trainer.train(until: 3, checkpointFolder: folder)
        let saved = try Data(contentsOf: GANCheckpoint.stateFile(in: folder))
        // Poison one generator weight (a ReLU hides it from the losses; the weight check catches it).
        trainer.generator.namedParameters()[0].1.withUnsafeMutableBufferPointer { $0[0] = .nan }
        XCTAssertThrowsError(try trainer.train(checkpointFolder: folder)) { error in
            guard case let GANTrainingError.nonFiniteLoss(step, _, checkpoint) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(step, 4)
            XCTAssertEqual(checkpoint, GANCheckpoint.stateFile(in: folder).path)
            XCTAssertTrue("\(error)".contains("non-finite loss or weights"), "\(error)")
        }
        XCTAssertEqual(trainer.step, 3)
        XCTAssertEqual(try Data(contentsOf: GANCheckpoint.stateFile(in: folder)), saved, "the good checkpoint is kept")
        let restored = try GANTrainer(options: tinyOptions(), images: images())
        try GANCheckpoint.resume(restored, from: folder)
        XCTAssertTrue(restored.generator.parameters().allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
    }

    func testLearningRateDecaysLinearlyToZeroAtTheLastStep() throws {
        var o = tinyOptions()
        XCTAssertEqual((0..<6).map { o.learningRateFactor(step: $0) }, [1, 1, 1, 1, 1, 1])
        o.lrDecayStart = 2
        XCTAssertEqual((0..<6).map { o.learningRateFactor(step: $0) }, [1, 1, 1, 0.75, 0.5, 0.25])
        o.lrDecayStart = 6
        XCTAssertThrowsError(try o.validate()) { XCTAssertTrue("\($0)".contains("lr_decay_start"), "\($0)") }
    }

    func testDecayChangesOnlyTheStepsFromItsStart() throws {
        BLAS.setThreads(1)
        let constant = try GANTrainer(options: tinyOptions(), images: images())
        try constant.train(checkpointFolder: nil)
        var o = tinyOptions()
        o.lrDecayStart = 3
        let decayed = try GANTrainer(options: o, images: images())
        try decayed.train(checkpointFolder: nil)
        // Factor (6 - s) / (6 - 3): step 4 is the first update at a lower rate, so the
        // losses of steps 0-3 agree and step 4's (logged after its first discriminator
        // update) differ.
        XCTAssertEqual(bits(Array(constant.losses.prefix(4))), bits(Array(decayed.losses.prefix(4))))
        XCTAssertNotEqual(bits(Array(constant.losses.suffix(2))), bits(Array(decayed.losses.suffix(2))))
    }

    /// In the warm-up the discriminator learns and the generator and its EMA stay as they
    /// were; from the first step after it the generator learns again.
    func testDiscriminatorWarmupFreezesTheGeneratorOnly() throws {
        BLAS.setThreads(1)
        var o = tinyOptions()
        o.discriminatorWarmup = 3
        let trainer = try GANTrainer(options: o, images: images())
        func values(_ module: any Module) -> [[UInt32]] { module.parameters().map { $0.scalars.map(\.bitPattern) } }
        let generator0 = values(trainer.generator), ema0 = values(try XCTUnwrap(trainer.ema).average)
        let discriminator0 = values(trainer.discriminator)
        try trainer.train(until: 3, checkpointFolder: nil)
        XCTAssertEqual(values(trainer.generator), generator0)
        XCTAssertEqual(values(try XCTUnwrap(trainer.ema).average), ema0)
        XCTAssertNotEqual(values(trainer.discriminator), discriminator0)
        XCTAssertTrue(trainer.losses.allSatisfy { $0.generator.isFinite && $0.generator != 0 }, "loss_g is still reported")
        try trainer.train(checkpointFolder: nil)
        XCTAssertNotEqual(values(trainer.generator), generator0)
        XCTAssertNotEqual(values(try XCTUnwrap(trainer.ema).average), ema0)

        o.discriminatorWarmup = 6
        XCTAssertThrowsError(try o.validate()) { XCTAssertTrue("\($0)".contains("d_warmup"), "\($0)") }
    }

    /// A constant-rate checkpoint may be continued by a run that starts decaying at or after
    /// its step (it is exactly that run's state), not by one that should already have decayed.
    func testResumeAcceptsADecayThatStartsAfterTheCheckpoint() throws {
        BLAS.setThreads(1)
        let folder = try temporaryFolder()
        try GANTrainer(options: tinyOptions(), images: images()).train(until: 3, checkpointFolder: folder)
        var later = tinyOptions()
        later.steps = 8
        later.lrDecayStart = 3
        let straight = try GANTrainer(options: later, images: images())
        try straight.train(checkpointFolder: nil)
        let resumed = try GANTrainer(options: later, images: images())
        try GANCheckpoint.resume(resumed, from: folder)
        try resumed.train(checkpointFolder: nil)
        XCTAssertEqual(bits(resumed.losses), bits(Array(straight.losses.suffix(5))))

        var early = later
        early.lrDecayStart = 2
        let trainer = try GANTrainer(options: early, images: images())
        XCTAssertThrowsError(try GANCheckpoint.resume(trainer, from: folder)) { error in
            guard case GANTrainingError.checkpointMismatch = error else { return XCTFail("\(error)") }
        }
    }

    func testBadOptionsAreRejected() throws {
        var o = tinyOptions()
        o.discriminatorSteps = 0
        XCTAssertThrowsError(try GANTrainer(options: o, images: images())) { error in
            XCTAssertTrue("\(error)".contains("discriminator steps"), "\(error)")
        }
        var grouped = tinyOptions(discriminator: .snDCGAN32MinibatchStd)
        grouped.minibatchStdGroup = 3                       // batch 4
        XCTAssertThrowsError(try GANTrainer(options: grouped, images: images())) { error in
            XCTAssertTrue("\(error)".contains("mbstd_group"), "\(error)")
        }
        for augment: [Augmentation] in [[], [.color, .color]] {
            var o = tinyOptions()
            o.augment = augment
            XCTAssertThrowsError(try GANTrainer(options: o, images: images())) { error in
                XCTAssertTrue("\(error)".contains("augment"), "\(error)")
            }
        }
    }

    /// Augmentation is recorded in a checkpoint's options only when on, so checkpoints written
    /// before it existed still resume; and when on it changes the losses.
    func testAugmentationIsRecordedOnlyWhenOnAndChangesTheLosses() throws {
        BLAS.setThreads(1)
        var on = tinyOptions()
        on.augment = [.translation]
        XCTAssertFalse(try GANCheckpoint.optionsText(tinyOptions()).contains("augment"))
        XCTAssertTrue(try GANCheckpoint.optionsText(on).contains("\"augment\":[\"translation\"]"))

        let plain = try GANTrainer(options: tinyOptions(), images: images())
        let augmented = try GANTrainer(options: on, images: images())
        try plain.trainStep()
        try augmented.trainStep()
        XCTAssertNotEqual(bits(plain.losses), bits(augmented.losses))
    }
}
