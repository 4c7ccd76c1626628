/// Everything that determines a GAN training run (and so its checkpoints).
///
/// The reference recipe of DESIGN.md is hinge loss, sn_dcgan32 discriminator,
/// Adam(2e-4, betas 0, 0.9), one discriminator step per generator step. What we
/// found stable on sprites and ship as the default is in models/README.md.
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
    public var emaDecay: Float = 0
    public var loss: GANLoss = .hinge
    public var discriminator: DiscriminatorKind = .snDCGAN32
    public var width: Int = 32
    public var discriminatorWidth: Int = 32
    public var latentDim: Int = 128
    /// A checkpoint every this many generator steps (and one at the end).
    public var checkpointEvery: Int = 500
    public var seed: UInt64 = 0

    public init() {}

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
        try check(width >= 1 && discriminatorWidth >= 1, "width", width, "at least 1")
        try check(latentDim >= 1, "latent_dim", latentDim, "at least 1")
        try check(checkpointEvery >= 1, "checkpoint_every", checkpointEvery, "at least 1")
    }
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
}
