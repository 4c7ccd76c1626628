import Foundation
import NN
import Tensor

/// Options of a VAE run (`curvilinear train-vae`).
public struct VAETrainingOptions: Codable, Sendable, Equatable {
    public var steps: Int = 3000
    public var batch: Int = 64
    public var learningRate: Float = 1e-3
    public var likelihood: VAELikelihood = .gaussian
    /// Standard deviation of the Gaussian likelihood, in pixel units of [-1, 1].
    public var sigma: Float = 0.1
    public var width: Int = 32
    public var latentDim: Int = 128
    public var checkpointEvery: Int = 500
    public var seed: UInt64 = 0
    public init() {}
}

/// The decoder's likelihood p(x | z), its mean being the decoder output (tanh, in [-1, 1]).
public enum VAELikelihood: String, Codable, Sendable, CaseIterable {
    /// N(x; G(z), sigma^2 I): -log p = |x - G(z)|^2 / (2 sigma^2) + const.
    case gaussian
    /// Bernoulli on t = (x + 1) / 2 with p = (G(z) + 1) / 2 (clamped to [1e-6, 1 - 1e-6]):
    /// -log p = -sum t log p + (1 - t) log(1 - p). Suits near-binary images (MNIST).
    case bernoulli
}

/// A convolutional VAE (Kingma & Welling 2014) whose decoder is a dcgan32 generator.
///
/// Loss per batch: the negative ELBO averaged over images,
///     -ELBO(x) = -log p(x | z) + KL(q(z | x) || N(0, I)),  z = mu + exp(logvar / 2) eps,
///     KL = 1/2 sum_j (mu_j^2 + exp(logvar_j) - 1 - logvar_j).
/// The decoder alone is then a generator G(z), z ~ N(0, I), like a GAN's.
/// Randomness of step s comes from RNG(seed, s) and real batches from their number, as
/// in `GANTrainer`, so training is reproducible; checkpoints are written every
/// `checkpointEvery` steps (decoder as generator.safetensors, see `GANCheckpoint`).
public final class VAETrainer {
    public let options: VAETrainingOptions
    public let encoder: VAE32Encoder
    public let decoder: DCGAN32Generator
    let optimizer: ResumableAdam
    let images: TrainingImages
    public private(set) var step = 0
    public private(set) var losses: [(reconstruction: Float, kl: Float)] = []
    /// Recorded in the checkpoint manifest (the caller knows it: `git describe` of the tool).
    public var codeVersion: String?

    public init(options: VAETrainingOptions, images: TrainingImages) {
        self.options = options
        self.images = images
        var rng = RNG(seed: options.seed)
        decoder = DCGAN32Generator(latentDim: options.latentDim, width: options.width, channels: images.channels, rng: &rng)
        encoder = VAE32Encoder(latentDim: options.latentDim, width: options.width, channels: images.channels, rng: &rng)
        let named = encoder.namedParameters().map { ("encoder.\($0.0)", $0.1) }
            + decoder.namedParameters().map { ("decoder.\($0.0)", $0.1) }
        optimizer = ResumableAdam(named, learningRate: options.learningRate, betas: (0.9, 0.999))
    }

    /// -log p(x | z) summed over pixels, averaged over the batch.
    func reconstructionLoss(_ x: Tensor, _ mean: Tensor) -> Tensor {
        let n = Float(x.shape[0])
        switch options.likelihood {
        case .gaussian:
            return (x - mean).square().sum() * (1 / (2 * options.sigma * options.sigma * n))
        case .bernoulli:
            let t = x.affine(scale: 0.5, shift: 0.5)
            let p = mean.affine(scale: 0.5, shift: 0.5).clamp(min: 1e-6, max: 1 - 1e-6)
            return -(t * p.log() + (1 - t) * (1 - p).log()).sum() * (1 / n)
        }
    }

    @discardableResult
    public func trainStep() throws -> (reconstruction: Float, kl: Float) {
        var rng = RNG(seed: (options.seed << 32) ^ UInt64(step) ^ 0x7AE0_0000_0000_0000)
        encoder.train()
        decoder.train()
        let batch = images.batch(step, size: options.batch)
        let x = Tensor(batch.pixels, shape: batch.shape)
        let n = x.shape[0]
        let (mu, logvar) = encoder(x)
        let z = mu + (logvar * 0.5).exp() * Tensor.randn([n, options.latentDim], rng: &rng)
        let reconstruction = reconstructionLoss(x, decoder(z))
        let kl = (mu.square() + logvar.exp() - 1 - logvar).sum() * (0.5 / Float(n))
        let loss = reconstruction + kl
        let r = reconstruction.item, k = kl.item
        guard r.isFinite, k.isFinite else {
            throw GANTrainingError.nonFiniteLoss(step: step + 1, losses: "reconstruction \(r), kl \(k)", lastCheckpoint: nil)
        }
        optimizer.zeroGrad()
        loss.backward()
        optimizer.update()
        if let name = GANTrainer.firstNonFiniteParameter(encoder) ?? GANTrainer.firstNonFiniteParameter(decoder) {
            throw GANTrainingError.nonFiniteLoss(step: step + 1, losses: "reconstruction \(r), kl \(k); weight \(name) is not finite",
                                                 lastCheckpoint: nil)
        }
        step += 1
        losses.append((r, k))
        return (r, k)
    }

    public func train(checkpointFolder folder: URL?, progress: TrainingProgress = SilentTrainingProgress()) throws {
        if let folder { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let start = Date()
        while step < options.steps {
            let l = try trainStep()
            progress.trainingStep(step, of: options.steps, fields: [("recon", Double(l.reconstruction)), ("kl", Double(l.kl))])
            if let folder, step % options.checkpointEvery == 0 || step == options.steps {
                let decoder = try exportedDecoder()
                try writeCheckpoint(decoder, to: folder, wallSeconds: Date().timeIntervalSince(start))
                progress.checkpointWritten(folder, generator: decoder)
            }
        }
        progress.trainingFinished()
    }

    /// A copy of the decoder with batch-norm statistics recomputed for prior latents
    /// z ~ N(0, I) (training saw posterior samples), in evaluation mode.
    public func exportedDecoder() throws -> DCGAN32Generator {
        var rng = RNG(seed: options.seed)
        let copy = DCGAN32Generator(latentDim: options.latentDim, width: options.width, channels: images.channels, rng: &rng)
        try copy.load(decoder.storedState())
        BatchNormRecalibration.run(copy, seed: options.seed ^ 0xB0A7)
        return copy
    }

    struct Manifest: Codable {
        var kind: String
        var step: Int
        var options: VAETrainingOptions
        var reconstruction: Double
        var kl: Double
        var wallSeconds: Double
        var codeVersion: String?
        var threads: Int?
        var blasCore: String?
        var files: [String]
    }

    public static func encoderFile(in folder: URL) -> URL { folder.appendingPathComponent("encoder.safetensors") }

    func writeCheckpoint(_ exported: DCGAN32Generator, to folder: URL, wallSeconds: Double) throws {
        try exported.save(to: GANCheckpoint.generatorFile(in: folder), metadata: GeneratorMetadata(
            kind: "vae", arch: "dcgan32", width: exported.width, latentDim: exported.latentDim,
            channels: exported.channels, step: step).strings)
        try encoder.save(to: Self.encoderFile(in: folder), metadata: ["kind": "vae_encoder"])
        let recent = losses.suffix(50)
        let n = Double(Swift.max(recent.count, 1))
        let manifest = Manifest(kind: "vae", step: step, options: options,
                                reconstruction: recent.map { Double($0.reconstruction) }.reduce(0, +) / n,
                                kl: recent.map { Double($0.kl) }.reduce(0, +) / n, wallSeconds: wallSeconds,
                                codeVersion: codeVersion, threads: BLAS.threads, blasCore: BLAS.coreName,
                                files: ["generator.safetensors", "encoder.safetensors", "manifest.json"])
        try writeAtomically(try encodeJSON(manifest), to: GANCheckpoint.manifestFile(in: folder))
    }
}
