import Foundation

/// One experiment: content/experiments/NAME.yaml, with defaults applied
/// (see `Defaults` for every key). Encoded with sorted snake_case keys this
/// is also the canonical form that the stage cache hashes.
public struct ExperimentConfig: Codable, Sendable, Equatable {
    public var name: String
    public var title: String
    public var seed: Int
    public var dataset: DatasetConfig
    public var generator: GeneratorConfig
    public var editors: [EditorConfig]
    public var evaluation: EvaluationConfig
    public var render: RenderConfig

    public init(name: String, title: String? = nil, seed: Int = Defaults.seed, dataset: DatasetConfig,
                generator: GeneratorConfig = GeneratorConfig(), editors: [EditorConfig]? = nil,
                evaluation: EvaluationConfig? = nil, render: RenderConfig? = nil) {
        self.name = name
        self.title = title ?? name
        self.seed = seed
        self.dataset = dataset
        self.generator = generator
        self.editors = editors ?? Defaults.editorKinds.map { EditorConfig(kind: $0) }
        self.evaluation = evaluation ?? EvaluationConfig(measurers: dataset.measurers)
        self.render = render ?? RenderConfig(measurers: dataset.measurers)
    }
}

public enum DatasetKind: String, Codable, Sendable, CaseIterable {
    case sprites, mnist, idx
}

/// Which attribute measurers apply (DESIGN.md section 4).
public enum Measurers: String, Codable, Sendable, CaseIterable {
    case sprites, digits, none
}

public struct DatasetConfig: Codable, Sendable, Equatable {
    public var kind: DatasetKind
    /// IDX(.gz) images; required for `idx`, optional override for mnist.
    public var images: String?
    public var labels: String?
    public var measurers: Measurers
    /// Sprites generated (ignored by file-backed kinds).
    public var count: Int

    public init(kind: DatasetKind, images: String? = nil, labels: String? = nil,
                measurers: Measurers? = nil, count: Int = Defaults.spritesCount) {
        self.kind = kind
        self.images = images
        self.labels = labels
        self.measurers = measurers ?? Defaults.measurers(for: kind)
        self.count = count
    }

    /// Colour channels of the images: sprites are RGB, digits and IDX sets grey.
    public var channels: Int { kind == .sprites ? 3 : 1 }
}

public struct GeneratorConfig: Codable, Sendable, Equatable {
    public var arch: String
    public var width: Int
    public var latentDim: Int
    /// A safetensors checkpoint to load (path from the working folder).
    public var checkpoint: String?
    /// Training budget when there is no checkpoint.
    public var train: GANTrainConfig?
    /// `quality_samples` when not the default (nil keeps the stage keys of configs without it).
    public var qualitySamples: Int? = nil

    public init(arch: String = Defaults.generatorArch, width: Int = Defaults.generatorWidth,
                latentDim: Int = Defaults.latentDim, checkpoint: String? = nil, train: GANTrainConfig? = nil) {
        self.arch = arch
        self.width = width
        self.latentDim = latentDim
        self.checkpoint = checkpoint
        self.train = checkpoint == nil ? (train ?? GANTrainConfig()) : nil
    }
}

public struct GANTrainConfig: Codable, Sendable, Equatable {
    /// gan (adversarial) or vae (the decoder is the generator).
    public var kind: String = Defaults.generatorKinds[0]
    public var steps: Int = Defaults.ganSteps
    public var batch: Int = Defaults.ganBatch
    public var lr: Double = Defaults.ganLR
    public var lrD: Double = Defaults.ganLRD
    public var dSteps: Int = Defaults.ganDSteps
    public var ema: Double = Defaults.ganEMA
    public var checkpointEvery: Int = Defaults.ganCheckpointEvery
    public var likelihood: String = Defaults.vaeLikelihoods[0]
    public var sigma: Double = Defaults.vaeSigma
    /// gan: start the generator from this safetensors file (e.g. a VAE decoder).
    public var initialGenerator: String?
    /// gan: from this step on, both learning rates fall linearly to 0 at `steps`; nil: constant.
    public var lrDecayStart: Int?
    /// gan: the first this many steps train the discriminator only; nil: none.
    public var dWarmup: Int?
    public var beta1: Double = Defaults.ganBeta1
    public var beta2: Double = Defaults.ganBeta2
    public var discriminator: String = Defaults.ganDiscriminator
    /// gan: the discriminator's base width; nil: the generator's width.
    public var dWidth: Int?
    /// gan: the DiffAugment families applied before the discriminator; nil: none.
    public var augment: [String]?
    /// gan, `_mbstd` discriminators: images per minibatch-stddev group (nil: the whole batch)
    /// and its feature maps (nil: 1).
    public var mbstdGroup: Int?
    public var mbstdFeatures: Int?
    public var loss: String = Defaults.ganLosses[0]

    public init() {}
}

public struct EvaluationConfig: Codable, Sendable, Equatable {
    public var strength: Double = Defaults.strength
    public var latents: Int = Defaults.evaluationLatents
    public var attributes: [String]
    public var calibrate: Bool = Defaults.calibrate
    public var targetChange: Double = Defaults.targetChange
    public var points: Int = Defaults.points

    public init(measurers: Measurers) { attributes = Defaults.attributes(of: measurers) }
}

public struct RenderConfig: Codable, Sendable, Equatable {
    public var latents: Int = Defaults.renderLatents
    public var steps: Int = Defaults.renderSteps
    public var frames: Int = Defaults.frames
    public var commutativity: [String]

    public init(measurers: Measurers) { commutativity = Defaults.commutativity(of: measurers) }
}
