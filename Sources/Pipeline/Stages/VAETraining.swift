import Datasets
import Foundation
import Generators

extension GeneratorTraining {
    /// VAE options of a generator config (`train.kind: vae`); `seed` is the generator stage's.
    public static func vaeOptions(_ generator: GeneratorConfig, seed: Int) -> VAETrainingOptions {
        let train = generator.train ?? GANTrainConfig()
        var o = VAETrainingOptions()
        o.steps = train.steps
        o.batch = train.batch
        o.learningRate = Float(train.lr)
        o.likelihood = VAELikelihood(rawValue: train.likelihood) ?? .gaussian
        o.sigma = Float(train.sigma)
        o.width = generator.width
        o.latentDim = generator.latentDim
        o.checkpointEvery = train.checkpointEvery
        o.seed = UInt64(seed)
        return o
    }

    /// Trains a VAE into `folder`; returns its decoder (the generator). No resume yet.
    static func trainVAE(_ generator: GeneratorConfig, seed: Int, images: LabeledImages, folder: URL, resume: Bool,
                         progress: TrainingProgress) throws -> DCGAN32Generator {
        if resume {
            throw PipelineError.stageFailed(stage: "train-vae", reason: "--resume is implemented for GANs only; rerun without it")
        }
        let trainer = VAETrainer(options: vaeOptions(generator, seed: seed),
                                 images: try TrainingImages(images.images, seed: UInt64(seed)))
        trainer.codeVersion = CodeVersion.current
        try trainer.train(checkpointFolder: folder, progress: progress)
        return try trainer.exportedDecoder()
    }
}
