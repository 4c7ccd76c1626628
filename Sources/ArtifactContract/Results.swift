import Foundation

/// The public results file of one experiment: `DIR/NAME/results.json`.
///
/// Written by the evaluation stage (or by any other engine, e.g. PyTorch on a
/// cluster) and read by the site stage. Every error and rate is in percent.
/// Required keys are exactly the contract of schema 1; every `Optional` field
/// is an addition that pages use when present and skip when absent.
/// JSON keys are snake_case; see `Sources/ArtifactContract/README.md`.
public struct Results: Codable, Sendable, Equatable {
    /// Format version; this code reads `Results.currentSchema`.
    public var schema: Int
    /// Experiment name, also the folder name (`DIR/NAME/`).
    public var experiment: String
    /// Human title of the experiment.
    public var title: String
    public var provenance: Provenance
    /// Attributes measured on images, in display order.
    public var attributes: [Attribute]
    public var generator: GeneratorQuality
    /// Editor name (linear, warped, curvilinear, curvilinear_iso, sefa, ganspace)
    /// to its metrics under the calibrated-strength protocol (DESIGN.md 5).
    public var editors: [String: EditorResults]
    /// The same metrics at the fixed strength T of the config.
    public var editorsFixedT: [String: EditorResults]?

    // Optional additions.
    /// One paragraph describing the experiment (Markdown is not interpreted).
    public var summary: String?
    /// The dataset the generator was trained on.
    public var dataset: DatasetInfo?
    /// How strengths were chosen and how many latents were used.
    public var evaluationProtocol: EvaluationProtocol?
    /// Figures of the experiment as a whole, paths relative to `DIR/NAME/`.
    public var figures: ExperimentFigures?
    /// Optional remarks of the evaluation (e.g. what could not be measured and why).
    public var notes: [String]?

    public static let currentSchema = 1
    public static let editorOrder = ["linear", "warped", "curvilinear", "curvilinear_iso", "sefa", "ganspace"]

    /// Editors present, in the canonical order first, then any others by name.
    public var editorNames: [String] {
        Results.ordered(Array(editors.keys))
    }

    public static func ordered(_ names: [String]) -> [String] {
        let known = editorOrder.filter(names.contains)
        return known + names.filter { !editorOrder.contains($0) }.sorted()
    }

    enum CodingKeys: String, CodingKey {
        case schema, experiment, title, provenance, attributes, generator, editors
        case editorsFixedT = "editors_fixed_T"
        case summary, dataset
        case evaluationProtocol = "protocol"
        case figures, notes
    }

    public init(schema: Int = Results.currentSchema, experiment: String, title: String, provenance: Provenance,
                attributes: [Attribute], generator: GeneratorQuality, editors: [String: EditorResults],
                editorsFixedT: [String: EditorResults]? = nil, summary: String? = nil, dataset: DatasetInfo? = nil,
                evaluationProtocol: EvaluationProtocol? = nil, figures: ExperimentFigures? = nil, notes: [String]? = nil) {
        self.schema = schema; self.experiment = experiment; self.title = title; self.provenance = provenance
        self.attributes = attributes; self.generator = generator; self.editors = editors
        self.editorsFixedT = editorsFixedT; self.summary = summary; self.dataset = dataset
        self.evaluationProtocol = evaluationProtocol; self.figures = figures; self.notes = notes
    }
}

/// Where a result came from: enough to reproduce it.
public struct Provenance: Codable, Sendable, Equatable {
    /// Hash of everything that determines the result (config section, input hashes, format version).
    public var configHash: String
    public var seed: Int
    /// Code version (git commit or tool version) that produced it.
    public var codeVersion: String
    /// ISO 8601 creation time.
    public var created: String
    /// Optional: total wall time of the evaluation, seconds.
    public var wallTimeSeconds: Double?
    /// Optional: threads of the evaluation's numeric work (its floats depend on it; each
    /// input artifact's manifest records its own).
    public var threads: Int?
    /// Optional: the BLAS kernel set of that work (e.g. OpenBLAS's `Haswell`): another set
    /// rounds the products differently, so the floats depend on it too.
    public var blasCore: String?

    enum CodingKeys: String, CodingKey {
        case configHash = "config_hash", seed, codeVersion = "code_version", created
        case wallTimeSeconds = "wall_time_s", threads, blasCore = "blas_core"
    }

    public init(configHash: String, seed: Int, codeVersion: String, created: String, wallTimeSeconds: Double? = nil,
                threads: Int? = nil, blasCore: String? = nil) {
        self.configHash = configHash; self.seed = seed; self.codeVersion = codeVersion
        self.created = created; self.wallTimeSeconds = wallTimeSeconds; self.threads = threads
        self.blasCore = blasCore
    }
}

/// One measured attribute: its key (V, H, S, ...), name and std over real data (sigma_j).
public struct Attribute: Codable, Sendable, Equatable {
    public var key: String
    public var name: String
    public var std: Double
    public init(key: String, name: String, std: Double) { self.key = key; self.name = name; self.std = std }
}

/// Generator quality: Frechet distance of identity-classifier features, real vs
/// generated, beside the real-vs-real figure, and how many samples were used.
public struct GeneratorQuality: Codable, Sendable, Equatable {
    public var frechet: Double
    public var frechetReal: Double
    public var samples: Int
    /// Optional (sprites): per-attribute Wasserstein-1 distance in units of sigma.
    public var wasserstein: [String: Double]?
    /// Optional: the features the Frechet distances are computed on: `identity_classifier`
    /// (the default meaning, possibly followed by `:NAME` of the classifier), or
    /// `unavailable` when the generator artifact had no quality figures (then `frechet`,
    /// `frechet_real` and `samples` are 0 and mean nothing).
    public var features: String?
    // The rest are fractions in [0, 1], as the quality stage's quality.json has them
    // (not percent, unlike the editors' metrics).
    /// Optional: fraction of generated samples whose identity-classifier top probability is >= 0.9.
    public var confident: Double?
    /// Optional: the same for held-out real images.
    public var confidentReal: Double?
    /// Optional: fraction of generated samples predicted as each class, in the classifier's class order.
    public var classFractions: [Double]?
    /// Optional: the same for real images.
    public var realClassFractions: [Double]?
    /// Optional: the classes' names, in the order of `classFractions`.
    public var classNames: [String]?
    /// Optional (sprites): fraction of generated sprites passing the clean-sprite checks.
    public var clean: Double?
    /// Optional (sprites): the same for held-out real sprites.
    public var cleanReal: Double?

    enum CodingKeys: String, CodingKey {
        case frechet, frechetReal = "frechet_real", samples, wasserstein, features
        case confident, confidentReal = "confident_real", classFractions = "class_fractions", realClassFractions = "real_class_fractions"
        case classNames = "class_names"
        case clean, cleanReal = "clean_real"
    }

    public init(frechet: Double, frechetReal: Double, samples: Int, wasserstein: [String: Double]? = nil,
                features: String? = nil, confident: Double? = nil, confidentReal: Double? = nil,
                classFractions: [Double]? = nil,
                realClassFractions: [Double]? = nil, classNames: [String]? = nil, clean: Double? = nil, cleanReal: Double? = nil) {
        self.frechet = frechet; self.frechetReal = frechetReal; self.samples = samples; self.wasserstein = wasserstein
        self.features = features; self.confident = confident; self.confidentReal = confidentReal
        self.classFractions = classFractions
        self.realClassFractions = realClassFractions; self.classNames = classNames; self.clean = clean; self.cleanReal = cleanReal
    }
}

/// Optional: the dataset behind the generator.
public struct DatasetInfo: Codable, Sendable, Equatable {
    /// sprites | mnist | idx
    public var kind: String
    /// Number of training images.
    public var images: Int?
    /// Image side in pixels and channels.
    public var size: Int?
    public var channels: Int?
    public init(kind: String, images: Int? = nil, size: Int? = nil, channels: Int? = nil) {
        self.kind = kind; self.images = images; self.size = size; self.channels = channels
    }
}

/// Optional: the evaluation protocol (DESIGN.md 5, "Edit strength").
public struct EvaluationProtocol: Codable, Sendable, Equatable {
    /// Common target change D_j in units of sigma_j used to calibrate T_j.
    public var targetChange: Double
    /// The fixed strength T of the config (for `editors_fixed_T`).
    public var fixedT: Double
    /// Held-out latents per metric.
    public var latents: Int
    /// Optional: latents traversed per direction for matching, and points along each path.
    public var matchingLatents: Int?
    public var points: Int?
    /// Optional: latents the calibration bisection measured D_j on (disjoint from the held-out set).
    public var calibrationLatents: Int?
    /// Optional: bootstrap resamples behind every `ci95`.
    public var bootstrapResamples: Int?
    /// Optional: whether `editors` holds calibrated strengths (true) or the fixed T (false).
    public var calibrated: Bool?

    enum CodingKeys: String, CodingKey {
        case targetChange = "target_change", fixedT = "fixed_T", latents
        case matchingLatents = "matching_latents", points, calibrationLatents = "calibration_latents"
        case bootstrapResamples = "bootstrap_resamples", calibrated
    }
    public init(targetChange: Double, fixedT: Double, latents: Int, matchingLatents: Int? = nil, points: Int? = nil,
                calibrationLatents: Int? = nil, bootstrapResamples: Int? = nil, calibrated: Bool? = nil) {
        self.targetChange = targetChange; self.fixedT = fixedT; self.latents = latents
        self.matchingLatents = matchingLatents; self.points = points; self.calibrationLatents = calibrationLatents
        self.bootstrapResamples = bootstrapResamples; self.calibrated = calibrated
    }
}
