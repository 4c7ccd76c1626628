import Datasets
import Foundation
import Generators
import NN
import Tensor

/// From experiment config to the generator trainers' inputs: the dataset's images
/// and the training options. Shared by the `generator` stage and `train-gan` / `train-vae`.
public enum GeneratorTraining {
    /// The images of a dataset config. Sprites are items 0..<count of the data stage's seed.
    public static func source(of dataset: DatasetConfig, seed: Int, dataDirectory: URL? = nil) throws -> DatasetSource {
        switch dataset.kind {
        case .sprites:
            return .sprites(seed: UInt64(seed))
        case .mnist:
            if let images = dataset.images {
                return .idx(images: URL(fileURLWithPath: images), labels: dataset.labels.map { URL(fileURLWithPath: $0) })
            }
            return .mnist(split: .train, dataDirectory: dataDirectory)
        case .idx:
            guard let images = dataset.images else {
                throw PipelineError.readFailed(path: "dataset.images", reason: "an idx dataset needs `images`; add its path")
            }
            return .idx(images: URL(fileURLWithPath: images), labels: dataset.labels.map { URL(fileURLWithPath: $0) })
        }
    }

    /// The training images of a dataset config (sprites: `count` of them).
    public static func images(of dataset: DatasetConfig, seed: Int) throws -> LabeledImages {
        let source = try source(of: dataset, seed: seed)
        if case .sprites = source { return try source.load(limit: dataset.count) }
        return try source.load()
    }

    /// GAN options of a generator config; `seed` is the generator stage's.
    public static func ganOptions(_ generator: GeneratorConfig, seed: Int) -> GANTrainingOptions {
        let train = generator.train ?? GANTrainConfig()
        var o = GANTrainingOptions()
        o.steps = train.steps
        o.batch = train.batch
        o.generatorLR = Float(train.lr)
        o.discriminatorLR = Float(train.lrD)
        o.beta1 = Float(train.beta1)
        o.beta2 = Float(train.beta2)
        o.discriminatorSteps = train.dSteps
        o.emaDecay = Float(train.ema)
        o.loss = GANLoss(rawValue: train.loss) ?? .hinge
        o.discriminator = DiscriminatorKind(rawValue: train.discriminator) ?? .snDCGAN32
        o.width = generator.width
        o.discriminatorWidth = train.dWidth ?? generator.width
        o.latentDim = generator.latentDim
        o.checkpointEvery = train.checkpointEvery
        o.seed = UInt64(seed)
        o.initialGenerator = train.initialGenerator
        o.lrDecayStart = train.lrDecayStart
        o.discriminatorWarmup = train.dWarmup
        o.augment = train.augment?.compactMap(Augmentation.init(rawValue:))
        o.minibatchStdGroup = train.mbstdGroup
        o.minibatchStdFeatures = train.mbstdFeatures
        return o
    }

    /// Trains a GAN into `folder` (checkpoints there), resuming from the checkpoint in it
    /// if `resume`. Returns the trainer (its exported generator is in the folder).
    @discardableResult
    public static func trainGAN(_ options: GANTrainingOptions, images: LabeledImages, folder: URL, resume: Bool,
                                progress: TrainingProgress) throws -> GANTrainer {
        let trainer = try GANTrainer(options: options, images: TrainingImages(images.images, seed: options.seed))
        trainer.codeVersion = CodeVersion.current
        if resume {
            try GANCheckpoint.resume(trainer, from: folder)
            progress.trainingNote("resumed at step \(trainer.step) from \(folder.path)")
        }
        try trainer.train(checkpointFolder: folder, progress: progress)
        return trainer
    }
}

/// Adapts the pipeline's progress reporter to the trainers' progress protocol:
/// a bar (or periodic lines) with the losses, steps/s and ETA.
public final class StageTrainingProgress: TrainingProgress, @unchecked Sendable {
    let reporter: ProgressReporter
    let label: String
    var task: ProgressTask?

    public init(reporter: ProgressReporter, label: String) {
        self.reporter = reporter
        self.label = label
    }

    /// Steps done before this process started (a resumed run), so rate and ETA count only ours.
    var firstStep = 0

    public func trainingStep(_ step: Int, of total: Int, fields: [(String, Double)]) {
        if task == nil {
            firstStep = step - 1
            task = reporter.task(firstStep > 0 ? "\(label) (from step \(firstStep))" : label, total: total - firstStep)
        }
        task?.update(step - firstStep, fields: fields)
    }

    public func trainingNote(_ text: String) { reporter.log("\(label): \(text)") }

    public func trainingFinished() { task?.finish() }

    /// Seed of the latents of every samples.png, so grids of successive checkpoints compare.
    public var sampleSeed: UInt64 = 0x5A

    public func checkpointWritten(_ folder: URL, generator: DCGAN32Generator) {
        do {
            try SampleGrid.write(SampleGrid.samples(of: generator, count: 64, seed: sampleSeed),
                                 to: folder.appendingPathComponent("samples.png"))
        } catch {
            reporter.log("\(label): could not write samples.png: \(error)")
        }
    }
}

extension GeneratorTraining {
    /// Trains the generator of `config` (with `generator` in place of its generator
    /// section) into `folder`: checkpoints, then samples.png of the final generator.
    /// Seeds are the pipeline's (data and generator stage seeds of the experiment).
    public static func train(_ config: ExperimentConfig, generator: GeneratorConfig, into folder: URL, resume: Bool,
                             progress: ProgressReporter, threads: Int) throws {
        if !resume { try checkNothingInTheWay(in: folder, vae: generator.train?.kind == "vae") }
        BLAS.setThreads(threads)
        let dataSeed = StageSeed.derive(master: config.seed, stage: "data")
        let generatorSeed = StageSeed.derive(master: config.seed, stage: "generator")
        progress.log("\(config.name): loading \(config.dataset.kind.rawValue) images")
        let images = try images(of: config.dataset, seed: dataSeed)
        _ = try trainGenerator(generator, images: images, seed: generatorSeed, folder: folder, progress: progress,
                               label: "\(config.name)/generator", resume: resume)
    }

    /// Training from step 0 writes its first checkpoint over whatever run the folder holds:
    /// a GAN's resumable state (which --resume continues), or a trained generator or VAE
    /// encoder, which nothing resumes.
    static func checkNothingInTheWay(in folder: URL, vae: Bool) throws {
        let exists = { (url: URL) in FileManager.default.fileExists(atPath: url.path) }
        let state = GANCheckpoint.stateFile(in: folder)
        if exists(state) {
            if vae { throw PipelineError.generatorInTheWay(path: folder.path, file: state.lastPathComponent) }
            throw PipelineError.checkpointInTheWay(path: folder.path)
        }
        for file in [GANCheckpoint.generatorFile(in: folder), VAETrainer.encoderFile(in: folder)] where exists(file) {
            throw PipelineError.generatorInTheWay(path: folder.path, file: file.lastPathComponent)
        }
    }
}
