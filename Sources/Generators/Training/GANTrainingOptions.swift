/// Everything that determines a GAN training run (and so its checkpoints).
///
/// The reference recipe of DESIGN.md is hinge loss, sn_dcgan32 discriminator,
/// Adam(2e-4, betas 0, 0.9), one discriminator step per generator step. Every cold
/// start we tried collapsed (all latents giving one image) within a few hundred steps;
/// the defaults add a minibatch-stddev map to the discriminator and a generator weight
/// EMA, and the shipped models also warm-start the generator from a VAE decoder
/// (`initialGenerator`): models/README.md has the trials.
public struct GANTrainingOptions: Codable, Sendable, Equatable {
    public var steps: Int = 4000
    public var batch: Int = 64
    public var generatorLR: Float = 2e-4
    public var discriminatorLR: Float = 2e-4
    public var beta1: Float = 0
    public var beta2: Float = 0.9
    /// Discriminator updates per generator update.
    public var discriminatorSteps: Int = 1
    /// Decay of the exponential moving average of the generator's weights; 0 turns it off.
    public var emaDecay: Float = 0.999
    public var loss: GANLoss = .hinge
    public var discriminator: DiscriminatorKind = .snDCGAN32MinibatchStd
    public var width: Int = 32
    public var discriminatorWidth: Int = 32
    public var latentDim: Int = 128
    /// A checkpoint every this many generator steps (and one at the end).
    public var checkpointEvery: Int = 500
    public var seed: UInt64 = 0
    /// Start the generator from these dcgan32 weights (e.g. a VAE decoder) instead of a
    /// random initialisation; nil: random.
    public var initialGenerator: String?
    /// From this generator step on, both learning rates fall linearly to 0 at `steps`
    /// (the schedule of SNGAN and BigGAN); nil: constant learning rates.
    public var lrDecayStart: Int?
    /// For the first this many steps only the discriminator learns (the generator and its
    /// EMA stay as they are); nil (and absent from saved options): none. Meant for a generator
    /// warm-started from a trained GAN generator, whose quality a fresh discriminator's first
    /// gradients undo (trial MX1). Against the shipped MNIST generator it was not enough: a
    /// fresh discriminator learned nothing in 2,000 steps (trial MX9, models/README.md).
    public var discriminatorWarmup: Int?
    /// Differentiable augmentation of every image the discriminator scores (DiffAugment.swift);
    /// nil (and absent from saved options, so older checkpoints still resume): none.
    public var augment: [Augmentation]?
    /// The minibatch-stddev map of the `_mbstd` discriminators: images per group (nil: the
    /// whole batch) and feature maps (nil: 1). Both nil are absent from saved options.
    public var minibatchStdGroup: Int?
    public var minibatchStdFeatures: Int?

    /// The minibatch-stddev layer these options ask for.
    public var minibatchStd: MinibatchStdDev {
        MinibatchStdDev(groupSize: minibatchStdGroup, features: minibatchStdFeatures ?? 1)
    }

    public init() {}

    /// The learning-rate multiplier of generator step s (0-based): 1 before
    /// `lrDecayStart`, then (steps - s) / (steps - start), so the last step runs at
    /// 1 / (steps - start) of the base rate.
    public func learningRateFactor(step s: Int) -> Float {
        guard let start = lrDecayStart, s >= start else { return 1 }
        return Float(Swift.max(steps - s, 0)) / Float(steps - start)
    }

    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ value: Any, _ allowed: String) throws {
            if !ok { throw GANTrainingError.badOption(name: name, value: "\(value)", allowed: allowed) }
        }
        try check(steps >= 1, "steps", steps, "at least 1")
        try check(batch >= 1, "batch", batch, "at least 1")
        try check(generatorLR > 0 && generatorLR <= 1, "generator lr", generatorLR, "(0, 1]")
        try check(discriminatorLR > 0 && discriminatorLR <= 1, "discriminator lr", discriminatorLR, "(0, 1]")
        try check(beta1 >= 0 && beta1 < 1, "beta1", beta1, "[0, 1)")
        try check(beta2 >= 0 && beta2 < 1, "beta2", beta2, "[0, 1)")
        try check(discriminatorSteps >= 1, "discriminator steps", discriminatorSteps, "at least 1")
        try check(emaDecay >= 0 && emaDecay < 1, "ema", emaDecay, "[0, 1) (0 = off)")
        try check(width >= 1, "width", width, "at least 1")
        try check(discriminatorWidth >= 1, "d_width", discriminatorWidth, "at least 1")
        try check(latentDim >= 1, "latent_dim", latentDim, "at least 1")
        try check(checkpointEvery >= 1, "checkpoint_every", checkpointEvery, "at least 1")
        if let augment {
            try check(!augment.isEmpty && Set(augment).count == augment.count, "augment",
                      augment.map(\.rawValue).joined(separator: ", "),
                      "distinct names from \(Augmentation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if minibatchStdGroup != nil || minibatchStdFeatures != nil {
            try check(discriminator.hasMinibatchStd, "mbstd_group / mbstd_features", discriminator.rawValue,
                      "a discriminator with a minibatch-stddev map (\(DiscriminatorKind.minibatchStdNames))")
        }
        if let group = minibatchStdGroup {
            try check(group >= 1 && batch % group == 0, "mbstd_group", group, "a divisor of the batch (\(batch))")
        }
        if let features = minibatchStdFeatures {
            let channels = discriminator.lastFeatureChannels(width: discriminatorWidth)
            try check(features >= 1 && channels % features == 0, "mbstd_features", features,
                      "a divisor of the discriminator's last feature channels (\(channels))")
        }
        if let warmup = discriminatorWarmup {
            try check(warmup >= 0 && warmup < steps, "d_warmup", warmup, "[0, steps) = [0, \(steps))")
        }
        if let start = lrDecayStart {
            try check(start >= 0 && start < steps, "lr_decay_start", start, "[0, steps) = [0, \(steps))")
        }
    }

    /// Property name -> the experiment config's key (`generator.train.*`, `generator.*`), for
    /// messages about a checkpoint trained with other options.
    static let configKeys = [
        "generatorLR": "lr", "discriminatorLR": "lr_d", "discriminatorSteps": "d_steps", "emaDecay": "ema",
        "discriminatorWidth": "d_width", "latentDim": "latent_dim", "checkpointEvery": "checkpoint_every",
        "seed": "seed (the stage seed)", "initialGenerator": "init", "lrDecayStart": "lr_decay_start",
        "discriminatorWarmup": "d_warmup", "minibatchStdGroup": "mbstd_group", "minibatchStdFeatures": "mbstd_features",
    ]
}

/// The adversarial loss.
public enum GANLoss: String, Codable, Sendable, CaseIterable {
    /// L_D = mean relu(1 - D(x)) + mean relu(1 + D(G(z))),  L_G = -mean D(G(z)).
    case hinge
    /// Non-saturating logistic (Goodfellow et al. 2014):
    /// L_D = mean softplus(-D(x)) + mean softplus(D(G(z))),  L_G = mean softplus(-D(G(z))).
    case nonsaturating
}

/// Which discriminator: `sn_dcgan32` (spectral norm) or the same net without it.
public enum DiscriminatorKind: String, Codable, Sendable, CaseIterable {
    case snDCGAN32 = "sn_dcgan32"
    case dcgan32 = "dcgan32"
    /// sn_dcgan32 with a minibatch-stddev map before its last layer.
    case snDCGAN32MinibatchStd = "sn_dcgan32_mbstd"
    /// The same without spectral norm.
    case dcgan32MinibatchStd = "dcgan32_mbstd"
    /// SNGAN's standard CNN (stride-1 3x3 convs at every resolution) with a minibatch-stddev map.
    case snganCNN32MinibatchStd = "sngan_cnn32_mbstd"

    /// The channels of the last features (those a minibatch-stddev map summarises) at base width c.
    public func lastFeatureChannels(width c: Int) -> Int { self == .snganCNN32MinibatchStd ? 8 * c : 4 * c }

    /// Whether the net has a minibatch-stddev map (the `_mbstd` kinds).
    public var hasMinibatchStd: Bool {
        switch self {
        case .snDCGAN32, .dcgan32: false
        case .snDCGAN32MinibatchStd, .dcgan32MinibatchStd, .snganCNN32MinibatchStd: true
        }
    }

    /// The names of the kinds with a minibatch-stddev map, for messages.
    public static var minibatchStdNames: String {
        allCases.filter(\.hasMinibatchStd).map(\.rawValue).joined(separator: ", ")
    }

    /// Whether the net sees batch statistics, so real and generated images must be scored in
    /// separate batches: the minibatch-stddev map is its only batch statistic.
    public var usesBatchStatistics: Bool { hasMinibatchStd }
}
