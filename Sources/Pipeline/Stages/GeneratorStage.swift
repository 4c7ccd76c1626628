import Datasets
import Foundation
import Generators

/// The `generator` stage: loads and verifies the configured checkpoint, or trains one
/// (GAN or VAE per `generator.train.kind`). Artifact files:
///
///     generator.safetensors  the dcgan32 generator G(z) (GAN generator or VAE decoder), PyTorch
///                            names main.*, batch-norm statistics for z ~ N(0, I); __metadata__
///                            kind, arch, width, latent_dim, channels, step when trained here
///     samples.png            8 x 8 samples from fixed latents
///     training/              when trained here: the trainer's last checkpoint (training.safetensors,
///                            generator.safetensors, manifest.json of the run)
///     manifest.json          written by the runner (stage, config, inputs, seed, wall time)
///
/// What is measured of the generator (quality.json) is the `quality` stage's.
public enum GeneratorStage {
    public static func run(_ section: GeneratorSection, context: StageContext, outputDir: URL) throws {
        let record = try DataStage.record(in: try context.input("data"))
        let target = outputDir.appendingPathComponent("generator.safetensors")
        let generator: DCGAN32Generator
        if let path = section.generator.checkpoint {
            generator = try verifiedCheckpoint(path, section: section, dataset: record.dataset, copyTo: target)
        } else {
            if let planned = section.initSHA256, let path = section.generator.train?.initialGenerator {
                try FileFingerprint.verify(URL(fileURLWithPath: path), planned: planned)
            }
            let folder = outputDir.appendingPathComponent("training")
            generator = try GeneratorTraining.trainGenerator(
                section.generator, images: try GeneratorTraining.images(of: record.dataset, seed: record.seed),
                seed: context.seed, folder: folder, progress: context.progress, label: context.stageName)
            try FileManager.default.copyItem(at: GANCheckpoint.generatorFile(in: folder), to: target)
        }
        try SampleGrid.write(SampleGrid.samples(of: generator, count: 64, seed: 0x5A),
                             to: outputDir.appendingPathComponent("samples.png"))
    }

    /// A generator of the dataset's images: the identity classifier, measurers and editors
    /// read `dataset.channels` channels.
    public static func checkChannels(of generator: DCGAN32Generator, file: String, dataset: DatasetConfig) throws {
        guard generator.channels == dataset.channels else {
            throw PipelineError.readFailed(path: file, reason: "the generator makes \(generator.channels)-channel images, "
                + "\(dataset.kind.rawValue) has \(dataset.channels); give a generator trained on \(dataset.kind.rawValue)")
        }
    }

    /// Loads `path`, checks it is the section's file (SHA-256), architecture and channels, copies it.
    static func verifiedCheckpoint(_ path: String, section: GeneratorSection, dataset: DatasetConfig, copyTo target: URL) throws -> DCGAN32Generator {
        let url = URL(fileURLWithPath: path)
        if let expected = section.checkpointSHA256, try SHA256.hash(fileAt: url) != expected {
            throw PipelineError.readFailed(path: path, reason: "the checkpoint changed since the stage was planned; rerun the command")
        }
        let (generator, _) = try GeneratorFile.load(from: url)
        let g = section.generator
        guard generator.width == g.width, generator.latentDim == g.latentDim else {
            throw PipelineError.readFailed(path: path, reason: "checkpoint has width \(generator.width), latent_dim \(generator.latentDim); "
                + "the config says width \(g.width), latent_dim \(g.latentDim): fix generator.width/latent_dim")
        }
        try checkChannels(of: generator, file: path, dataset: dataset)
        try FileManager.default.copyItem(at: url, to: target)
        return generator
    }
}

extension GeneratorTraining {
    /// Trains the generator of a config section into `folder` (GAN or VAE) and returns it.
    static func trainGenerator(_ generator: GeneratorConfig, images: LabeledImages, seed: Int, folder: URL,
                               progress: ProgressReporter, label: String, resume: Bool = false) throws -> DCGAN32Generator {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let reporter = StageTrainingProgress(reporter: progress, label: label)
        if generator.train?.kind == "vae" {
            return try trainVAE(generator, seed: seed, images: images, folder: folder, resume: resume, progress: reporter)
        }
        let trainer = try trainGAN(ganOptions(generator, seed: seed), images: images, folder: folder, resume: resume,
                                   progress: reporter)
        return try trainer.exportedGenerator()
    }
}
