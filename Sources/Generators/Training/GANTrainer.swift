import Datasets
import Foundation
import NN
import Tensor

/// Trains a dcgan32 generator against a dcgan32-family discriminator.
///
/// One step s (s = 0, 1, ...): `discriminatorSteps` discriminator updates, each on real
/// batch number s * discriminatorSteps + k and fresh latents, then one generator update,
/// then the EMA update (neither in the first `discriminatorWarmup` steps). With augmentation
/// on (`options.augment`), the discriminator scores T(x) for every real and generated batch,
/// T drawn afresh each time (DiffAugment.swift).
/// All randomness of step s comes from `RNG(seed: stepSeed(s))` (latents) and
/// `RNG(seed: augmentSeed(s))` (augmentation draws), and
/// real batches are a pure function of their number, so the state after step s is
/// (generator, discriminator, both Adam states, EMA, s): that is what a checkpoint holds,
/// and a run resumed from it computes the same floats as an uninterrupted one.
public final class GANTrainer {
    public let options: GANTrainingOptions
    public let generator: DCGAN32Generator
    public let discriminator: any Layer
    public let ema: WeightEMA?
    /// T, applied to every batch the discriminator scores (the identity when `options.augment` is nil).
    let augment: DiffAugment
    let generatorOptimizer: ResumableAdam
    let discriminatorOptimizer: ResumableAdam
    let images: TrainingImages
    /// Generator steps done.
    public private(set) var step = 0
    func setStep(_ s: Int) { step = s }
    /// The losses of every step run by this object (for tests and the manifest).
    public private(set) var losses: [(discriminator: Float, generator: Float)] = []
    /// Recorded in the checkpoint manifest (the caller knows it: `git describe` of the tool).
    public var codeVersion: String?
    /// SHA-256 (hex) of the warm-start file `options.initialGenerator`: the manifest records
    /// what the run started from by content, since the same bytes may live at another path
    /// in a fresh clone. Read when the trainer is built; a resumed run takes the one its
    /// checkpoint carries, the file of step 0.
    public internal(set) var initialGeneratorSHA256: String?

    public init(options: GANTrainingOptions, images: TrainingImages) throws {
        try options.validate()
        // A data set smaller than the batch gives batches of all its images (TrainingImages),
        // which the minibatch-stddev groups must divide too.
        let drawn = Swift.min(options.batch, images.images.count)
        if let group = options.minibatchStdGroup, drawn % group != 0 {
            throw GANTrainingError.badOption(name: "mbstd_group", value: "\(group)",
                                             allowed: "a divisor of the batch drawn, \(drawn) (the data set has \(images.images.count) images)")
        }
        self.options = options
        self.images = images
        augment = DiffAugment(options.augment ?? [])
        var rng = RNG(seed: options.seed)
        generator = DCGAN32Generator(latentDim: options.latentDim, width: options.width,
                                     channels: images.channels, rng: &rng)
        switch options.discriminator {
        case .snDCGAN32:
            discriminator = SNDCGAN32Discriminator(width: options.discriminatorWidth, channels: images.channels, rng: &rng)
        case .dcgan32:
            discriminator = DCGAN32Discriminator(width: options.discriminatorWidth, channels: images.channels, rng: &rng)
        case .snDCGAN32MinibatchStd, .dcgan32MinibatchStd:
            discriminator = MinibatchDiscriminator(width: options.discriminatorWidth, channels: images.channels,
                                                   spectralNorm: options.discriminator == .snDCGAN32MinibatchStd,
                                                   minibatchStd: options.minibatchStd, rng: &rng)
        case .snganCNN32MinibatchStd:
            discriminator = SNGANCNN32Discriminator(width: options.discriminatorWidth, channels: images.channels,
                                                    minibatchStd: options.minibatchStd, rng: &rng)
        }
        if let path = options.initialGenerator {
            // Read once: the same bytes are loaded and hashed.
            let url = URL(fileURLWithPath: path)
            let bytes = try SafetensorsFile.bytes(of: url)
            let (start, _) = try GeneratorFile.load(SafetensorsFile.decode(bytes, file: path), url: url)
            initialGeneratorSHA256 = SHA256.hash(bytes)
            guard start.width == options.width, start.latentDim == options.latentDim, start.channels == images.channels else {
                throw GANTrainingError.badOption(name: "init", value: path,
                                                 allowed: "a dcgan32 generator of width \(options.width), latent_dim \(options.latentDim), \(images.channels) channels")
            }
            try generator.load(start.storedState(), file: path)
            for p in generator.parameters() { p.requiresGrad = true }
        }
        let betas = (options.beta1, options.beta2)
        generatorOptimizer = ResumableAdam(generator.namedParameters(), learningRate: options.generatorLR, betas: betas)
        discriminatorOptimizer = ResumableAdam(discriminator.namedParameters(), learningRate: options.discriminatorLR,
                                               betas: betas)
        ema = options.emaDecay > 0 ? try WeightEMA(of: generator, decay: options.emaDecay, rng: &rng) : nil
    }

    /// The seed of step s's randomness (latents): distinct for every (seed, step).
    func stepSeed(_ s: Int) -> UInt64 { (options.seed << 32) ^ UInt64(s) ^ 0x5DEE_CE66_D000_0000 }
    /// Augmentation draws come from their own stream, so turning augmentation on leaves the
    /// latents of every step as they were.
    func augmentSeed(_ s: Int) -> UInt64 { stepSeed(s) ^ 0xA06_0000_0000 }

    /// Runs one generator step (with its discriminator steps). Throws, before any weight
    /// changes, if a loss is not finite.
    @discardableResult
    public func trainStep() throws -> (discriminator: Float, generator: Float) {
        var rng = RNG(seed: stepSeed(step))
        var augmentRNG = RNG(seed: augmentSeed(step))
        let b = options.batch, d = options.latentDim
        let factor = options.learningRateFactor(step: step)
        generatorOptimizer.learningRate = options.generatorLR * factor
        discriminatorOptimizer.learningRate = options.discriminatorLR * factor
        generator.train()
        discriminator.train()
        var lossD: Float = 0
        for k in 0..<options.discriminatorSteps {
            let batch = images.batch(step * options.discriminatorSteps + k, size: b)
            let real = augment(Tensor(batch.pixels, shape: batch.shape), rng: &augmentRNG)
            let fake = augment(Tensor.withoutGradients { generator(Tensor.randn([real.shape[0], d], rng: &rng)) },
                               rng: &augmentRNG)
            discriminatorOptimizer.zeroGrad()
            let scores = options.discriminator.usesBatchStatistics
                ? [discriminator(real), discriminator(fake)]
                : discriminator(concat([real, fake], axis: 0)).split(sizes: [real.shape[0], fake.shape[0]], axis: 0)
            let loss = options.loss.discriminatorLoss(real: scores[0], fake: scores[1])
            lossD = loss.item
            guard lossD.isFinite else { throw nonFinite(d: lossD, g: .nan) }
            loss.backward()
            discriminatorOptimizer.update()
            if let name = GANTrainer.firstNonFiniteParameter(discriminator) {
                throw nonFinite(d: lossD, g: .nan, detail: "discriminator weight \(name)")
            }
        }
        generatorOptimizer.zeroGrad()
        discriminatorOptimizer.zeroGrad()
        // In the warm-up the generator's loss is still computed (for the progress line, from
        // the same latents) but not followed.
        let warmingUp = step < (options.discriminatorWarmup ?? 0)
        // The generator step needs the discriminator's input gradients only: frozen, its
        // backward skips the weight gradients (a third of its work) that were thrown away.
        let lossG = try discriminator.withFrozenParameters {
            // Nothing will flow back in the warm-up, so its forward pass records no graph.
            let z = Tensor.randn([b, d], rng: &rng)
            let fake = augment(warmingUp ? Tensor.withoutGradients { generator(z) } : generator(z), rng: &augmentRNG)
            let lossGTensor = options.loss.generatorLoss(fake: discriminator(fake))
            let lossG = lossGTensor.item
            guard lossG.isFinite else { throw nonFinite(d: lossD, g: lossG) }
            if !warmingUp { lossGTensor.backward() }
            return lossG
        }
        if !warmingUp {
            generatorOptimizer.update()
            if let name = GANTrainer.firstNonFiniteParameter(generator) {
                throw nonFinite(d: lossD, g: lossG, detail: "generator weight \(name)")
            }
        }
        step += 1
        if !warmingUp { ema?.update(from: generator, step: step) }
        losses.append((lossD, lossG))
        return (lossD, lossG)
    }

    /// Set by `train` so a non-finite loss can name the checkpoint that survives.
    var lastCheckpoint: URL?

    func nonFinite(d: Float, g: Float, detail: String? = nil) -> GANTrainingError {
        .nonFiniteLoss(step: step + 1, losses: "loss_d \(d), loss_g \(g)" + (detail.map { "; \($0) is not finite" } ?? ""),
                       lastCheckpoint: lastCheckpoint?.path)
    }

    /// The name of the first parameter holding a NaN or infinity. Checked after every update:
    /// a NaN weight need not show in the loss (max(0, NaN) is 0, so a ReLU can hide it).
    static func firstNonFiniteParameter(_ module: any Module) -> String? {
        for (name, p) in module.namedParameters() {
            let finite = p.withUnsafeBufferPointer { b -> Bool in
                guard let base = b.baseAddress else { return true }
                var ok = true
                for i in 0..<b.count where !base[i].isFinite { ok = false; break }
                return ok
            }
            if !finite { return name }
        }
        return nil
    }

    /// Trains until `options.steps` (or `until`), writing a checkpoint into `folder` every
    /// `checkpointEvery` steps and at the end.
    public func train(until last: Int? = nil, checkpointFolder folder: URL?,
                      progress: TrainingProgress = SilentTrainingProgress()) throws {
        let end = Swift.min(last ?? options.steps, options.steps)
        if let folder {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: GANCheckpoint.stateFile(in: folder).path) {
                lastCheckpoint = GANCheckpoint.stateFile(in: folder)
            }
        }
        let start = Date()
        var recent: [(Float, Float)] = []
        while step < end {
            let l = try trainStep()
            recent.append(l)
            if recent.count > 50 { recent.removeFirst() }
            let meanD = recent.map { Double($0.0) }.reduce(0, +) / Double(recent.count)
            let meanG = recent.map { Double($0.1) }.reduce(0, +) / Double(recent.count)
            progress.trainingStep(step, of: options.steps, fields: [("loss_d", meanD), ("loss_g", meanG)])
            if let folder, step % options.checkpointEvery == 0 || step == end {
                let exported = try GANCheckpoint.write(self, to: folder, wallSeconds: Date().timeIntervalSince(start))
                lastCheckpoint = GANCheckpoint.stateFile(in: folder)
                progress.checkpointWritten(folder, generator: exported)
                progress.trainingNote("checkpoint at step \(step): \(folder.path)")
            }
        }
        progress.trainingFinished()
    }

    /// The generator to ship: a copy of the EMA weights (or of the generator itself) with
    /// batch-norm statistics recomputed for those weights, in evaluation mode.
    public func exportedGenerator() throws -> DCGAN32Generator {
        var rng = RNG(seed: options.seed)
        let copy = DCGAN32Generator(latentDim: options.latentDim, width: options.width,
                                    channels: images.channels, rng: &rng)
        try copy.load((ema?.average ?? generator).storedState())
        BatchNormRecalibration.run(copy, seed: options.seed ^ 0xB0A7)
        for p in copy.parameters() { p.requiresGrad = false }
        return copy
    }
}
