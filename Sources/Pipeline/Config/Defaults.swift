/// Every default and allowed range of the experiment config, in one place.
/// content/experiments/README.md mirrors this table; keep them together.
///
/// | key | default | allowed | meaning |
/// |---|---|---|---|
/// | `name` | file name without `.yaml` | `[a-z0-9][a-z0-9_-]*`, not `results` | experiment id, names its folder in `runs/` and its page |
/// | `title` | `name` | any text | page title |
/// | `seed` | 0 | 0...2^31-1 | master seed; every stage derives its own from it |
/// | `dataset.kind` | (required) | sprites, mnist, idx | image source (another IDX dataset such as Fashion-MNIST: `idx` with its files) |
/// | `dataset.images` | (mnist: fetched) | path | IDX(.gz) images; required for idx |
/// | `dataset.labels` | none | path | IDX(.gz) class labels (identity) |
/// | `dataset.measurers` | sprites: sprites; others: digits | sprites, digits, none | attribute measurers |
/// | `dataset.count` | 50000 | 100...1000000 | sprites: images generated |
/// | `generator.arch` | dcgan32 | dcgan32 | generator architecture (DESIGN.md section 9) |
/// | `generator.width` | 32 | 4...512 | base width c |
/// | `generator.latent_dim` | 128 | 2...1024 | latent size d |
/// | `generator.checkpoint` | none | path (from the working folder) | load this safetensors file; excludes `train` |
/// | `generator.quality_samples` | 10000 | 10...100000 | generated and real images compared for the generator's quality figures (Frechet distance) |
/// | `generator.train.kind` | gan | gan, vae | adversarial training, or a VAE whose decoder is the generator |
/// | `generator.train.steps` | 4000 | 1...10000000 | generator steps (when no checkpoint) |
/// | `generator.train.batch` | 64 | 1...4096 | |
/// | `generator.train.lr` | 0.0002 | (0, 1] | Adam learning rate, generator (vae: both nets) |
/// | `generator.train.lr_d` | 0.0002 | (0, 1] | Adam learning rate, discriminator |
/// | `generator.train.beta1` | 0.0 | [0, 1) | Adam beta1 |
/// | `generator.train.beta2` | 0.9 | [0, 1) | Adam beta2 |
/// | `generator.train.d_steps` | 1 | 1...100 | discriminator steps per generator step |
/// | `generator.train.ema` | 0.999 | [0, 1) | generator weight EMA decay (0: off); the decay used at step t is min(ema, (1 + t) / (10 + t)), so 0.999 takes effect from step 8,990 and 0.9999 from step 89,990 (before that the average spans about t / 9 steps) |
/// | `generator.train.discriminator` | sn_dcgan32_mbstd | sn_dcgan32, dcgan32, sn_dcgan32_mbstd, dcgan32_mbstd, sngan_cnn32_mbstd | dcgan32: without spectral norm; _mbstd: with a minibatch-stddev map; sngan_cnn32: SNGAN's standard CNN (stride-1 3x3 convs at every resolution) |
/// | `generator.train.d_width` | generator's `width` | 1...1024 | gan: discriminator base width |
/// | `generator.train.mbstd_group` | whole batch | divisor of `batch` | gan, `_mbstd` discriminators: images per minibatch-stddev group |
/// | `generator.train.mbstd_features` | 1 | divisor of the last feature channels | gan, `_mbstd` discriminators: minibatch-stddev maps, one per channel group |
/// | `generator.train.augment` | none | list of color, translation, cutout | gan: differentiable augmentation (DiffAugment) of every image the discriminator scores |
/// | `generator.train.loss` | hinge | hinge, nonsaturating | |
/// | `generator.train.likelihood` | gaussian | gaussian, bernoulli | vae: decoder likelihood |
/// | `generator.train.sigma` | 0.1 | (0, 10] | vae: std of the Gaussian likelihood, in [-1, 1] pixel units |
/// | `generator.train.checkpoint_every` | 500 | 1...10000000 | steps between training checkpoints |
/// | `generator.train.lr_decay_start` | none | 0...steps-1 | gan: from this step on, both learning rates fall linearly to 0 at `steps` |
/// | `generator.train.d_warmup` | none | 0...steps-1 | gan: the first this many steps train the discriminator only (for a generator warm-started from a trained GAN's generator, so it does not follow a fresh discriminator's first gradients) |
/// | `generator.train.init` | none | path (from the working folder) | gan: start the generator from these dcgan32 weights (e.g. a VAE decoder) |
/// | `editors` | linear, warped, curvilinear, curvilinear_iso, sefa, ganspace | list | one stage each |
/// | `editors[].kind` | (required) | linear, warped, curvilinear, curvilinear_iso, sefa, ganspace | |
/// | `editors[].name` | `kind` | `[a-z0-9_-]+`, distinct | names the artifact and the table row |
/// | `editors[].directions` | 16 | 1...512 | K |
/// | `editors[].steps` | 2000 | 1...10000000 | trained kinds only |
/// | `editors[].batch` | 32 | 1...4096 | trained kinds only |
/// | `editors[].lr` | 0.001 | (0, 1] | Adam, editor and reconstructor |
/// | `editors[].eps_min` | 0.5 | [0, 100] | eps ~ ±U[eps_min, eps_max] |
/// | `editors[].eps_max` | 6.0 | (0, 100], > eps_min | |
/// | `editors[].lambda` | 0.25 | [0, 100] | weight of \|eps - eps_hat\| |
/// | `editors[].seeds` | 1 | 1...16 | independent trainings (seed, seed+1, ...) |
/// | `editors[].dipoles` | 32 | 1...1024 | warped: support dipoles N per direction (2N vectors) |
/// | `editors[].layers` | 8 | 1...64 | curvilinear: affine coupling layers |
/// | `editors[].hidden` | 256 | 1...4096 | curvilinear: coupling MLP width |
/// | `editors[].alpha` | 1.0 | [0, 1000] | curvilinear: weight of (log\|det df/dz\|)^2 |
/// | `editors[].beta` | curvilinear 0, curvilinear_iso 1.0 | [0, 1000] | isometry penalty (our extension) |
/// | `editors[].samples` | 10000 | 100...1000000 | ganspace: latents for the PCA |
/// | `evaluation.strength` | 3.0 | (0, 100] | fixed edit strength T |
/// | `evaluation.latents` | 500 | 2...1000000 | held-out latents per metric (the bootstrap resamples them) |
/// | `evaluation.attributes` | sprites: V, H, S, B, C; digits: W, T, A | at least 2 of the measurers' (sprites: V, H, S, B, C; digits: W, T, A, Ht) | attributes measured |
/// | `evaluation.calibrate` | true | true, false | also calibrate T per editor and attribute |
/// | `evaluation.target_change` | 1.0 | (0, 10] | calibration target D_j, in sigma_j |
/// | `evaluation.points` | 9 | 3...101 | traversal points for direction matching |
/// | `render.latents` | 6 | 1...64 | rows of traversal strips |
/// | `render.steps` | 7 | odd, 3...31 | columns of traversal strips (the middle one, framed, is t = 0) |
/// | `render.frames` | 16 | 2...256 | slider frames per direction |
/// | `render.commutativity` | sprites: V, B, S; digits: A, T, W (those of them evaluated; if fewer than 2, the first 3 evaluated) | 2 or 3 of `evaluation.attributes` | the O/V/B/S grid |
public enum Defaults {
    public static let seed = 0
    public static let seedRange = 0...Int(Int32.max)

    public static let spritesCount = 50_000

    public static let generatorArch = "dcgan32"
    /// Generated and real images of the quality stage's quality.json. A config at this
    /// default leaves `quality_samples` out of the stage key, so the stage must read this
    /// same constant.
    public static let qualitySamples = 10_000
    public static let generatorArchs = ["dcgan32"]
    public static let generatorWidth = 32
    public static let latentDim = 128

    public static let ganSteps = 4000
    public static let ganBatch = 64
    public static let ganLR = 2e-4
    public static let ganBeta1 = 0.0
    public static let ganBeta2 = 0.9
    public static let discriminators = ["sn_dcgan32", "dcgan32", "sn_dcgan32_mbstd", "dcgan32_mbstd", "sngan_cnn32_mbstd"]
    public static let ganLosses = ["hinge", "nonsaturating"]
    public static let augmentations = ["color", "translation", "cutout"]
    public static let generatorKinds = ["gan", "vae"]
    public static let ganLRD = 2e-4
    public static let ganDSteps = 1
    /// The recipe that trains (models/README.md): minibatch stddev against collapse, weight EMA against noise.
    public static let ganDiscriminator = "sn_dcgan32_mbstd"
    public static let ganEMA = 0.999
    public static let ganCheckpointEvery = 500
    public static let vaeLikelihoods = ["gaussian", "bernoulli"]
    public static let vaeSigma = 0.1

    public static let editorKinds: [EditorKind] = [.linear, .warped, .curvilinear, .curvilinearIso, .sefa, .ganspace]
    public static let directions = 16
    public static let editorSteps = 2000
    public static let editorBatch = 32
    public static let editorLR = 1e-3
    public static let epsMin = 0.5
    public static let epsMax = 6.0
    public static let lambda = 0.25
    public static let seeds = 1
    public static let dipoles = 32
    public static let couplingLayers = 8
    public static let couplingHidden = 256
    public static let alpha = 1.0
    /// The isometry weight: off in the paper-faithful variant, on in `curvilinear_iso`.
    public static func beta(for kind: EditorKind) -> Double { kind == .curvilinearIso ? 1.0 : 0.0 }
    public static let ganspaceSamples = 10_000

    public static let strength = 3.0
    public static let evaluationLatents = 500
    public static let calibrate = true
    public static let targetChange = 1.0
    public static let points = 9

    public static let renderLatents = 6
    public static let renderSteps = 7
    public static let frames = 16

    /// Attributes each measurer set provides and `evaluation.attributes` may list: the
    /// defaults, and for digits also Ht (height, which is not a default).
    public static func allowedAttributes(of measurers: Measurers) -> [String] {
        measurers == .digits ? attributes(of: measurers) + ["Ht"] : attributes(of: measurers)
    }

    /// The default attributes of each measurer set (DESIGN.md section 4), in table order.
    public static func attributes(of measurers: Measurers) -> [String] {
        switch measurers {
        case .sprites: return ["V", "H", "S", "B", "C"]
        case .digits: return ["W", "T", "A"]
        case .none: return []
        }
    }

    /// The three attributes of the commutativity grid.
    public static func commutativity(of measurers: Measurers) -> [String] {
        switch measurers {
        case .sprites: return ["V", "B", "S"]
        case .digits: return ["A", "T", "W"]
        case .none: return []
        }
    }

    public static func measurers(for kind: DatasetKind) -> Measurers { kind == .sprites ? .sprites : .digits }
}
