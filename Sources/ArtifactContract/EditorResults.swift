import Foundation

/// Every metric of one editor on one experiment (DESIGN.md section 5). All in percent
/// except `target_change` (units of sigma), `strength` (T_j) and `displacement` (latent norm).
public struct EditorResults: Codable, Sendable, Equatable {
    /// Attribute -> direction assignment, one entry per attribute.
    public var matching: [Match]
    /// Mean target change D_j per attribute key, in units of sigma_j.
    public var targetChange: [String: Double]
    public var sideEffect: SideEffect
    public var commutativityOrder: Commutativity
    public var commutativityRoundtrip: Commutativity
    public var latentCommutator: LatentCommutator
    public var identityError: IdentityError
    /// Held-out latents the metrics were averaged over.
    public var samples: Int
    /// Strength T_j used for each attribute's edit.
    public var strength: [String: Double]
    /// Mean latent displacement |phi_j z - z| per attribute.
    public var displacement: [String: Double]

    // Optional additions.
    /// score(k, j) = mean |corr(t, a_j)|: rows are directions k, columns follow `Results.attributes`.
    public var scoreMatrix: [[Double]]?
    /// Training record of the editor (absent for closed-form editors).
    public var training: Training?
    /// Figures of this editor, paths relative to `DIR/NAME/`.
    public var figures: EditorFigures?
    /// 95% bootstrap interval [lo, hi] of each `target_change` entry.
    public var targetChangeCI95: [String: [Double]]?
    /// 95% bootstrap interval [lo, hi] of each `displacement` entry.
    public var displacementCI95: [String: [Double]]?
    /// How each strength T_j was found (calibrated protocol only).
    public var calibration: [String: Calibration]?
    /// Spread across independently trained seeds, when the editor has more than one.
    public var seeds: SeedSpread?

    enum CodingKeys: String, CodingKey {
        case matching, targetChange = "target_change", sideEffect = "side_effect"
        case commutativityOrder = "commutativity_order", commutativityRoundtrip = "commutativity_roundtrip"
        case latentCommutator = "latent_commutator", identityError = "identity_error"
        case samples, strength, displacement
        case scoreMatrix = "score_matrix", training, figures
        case targetChangeCI95 = "target_change_ci95", displacementCI95 = "displacement_ci95", calibration, seeds
    }

    public init(matching: [Match], targetChange: [String: Double], sideEffect: SideEffect,
                commutativityOrder: Commutativity, commutativityRoundtrip: Commutativity,
                latentCommutator: LatentCommutator, identityError: IdentityError, samples: Int,
                strength: [String: Double], displacement: [String: Double], scoreMatrix: [[Double]]? = nil,
                training: Training? = nil, figures: EditorFigures? = nil,
                targetChangeCI95: [String: [Double]]? = nil, displacementCI95: [String: [Double]]? = nil,
                calibration: [String: Calibration]? = nil, seeds: SeedSpread? = nil) {
        self.matching = matching; self.targetChange = targetChange; self.sideEffect = sideEffect
        self.commutativityOrder = commutativityOrder; self.commutativityRoundtrip = commutativityRoundtrip
        self.latentCommutator = latentCommutator; self.identityError = identityError; self.samples = samples
        self.strength = strength; self.displacement = displacement; self.scoreMatrix = scoreMatrix
        self.training = training; self.figures = figures
        self.targetChangeCI95 = targetChangeCI95; self.displacementCI95 = displacementCI95
        self.calibration = calibration; self.seeds = seeds
    }
}

/// Attribute `attribute` is edited by direction `direction` with sign `sign` (+1/-1);
/// `score` is mean |corr(t, a_j)| of that direction, in [0, 1].
public struct Match: Codable, Sendable, Equatable {
    public var attribute: String
    public var direction: Int
    public var sign: Int
    public var score: Double
    public init(attribute: String, direction: Int, sign: Int, score: Double) {
        self.attribute = attribute; self.direction = direction; self.sign = sign; self.score = score
    }
}

/// Side-effect matrix S[j][l] = 100 (mean |Delta a_l| / sigma_l) / D_j; diagonal 100.
public struct SideEffect: Codable, Sendable, Equatable {
    /// Row/column order of `matrix`.
    public var attributes: [String]
    public var matrix: [[Double]]
    public var offDiagonalMean: Double
    /// Optional 95% confidence interval of the off-diagonal mean.
    public var ci95: [Double]?

    enum CodingKeys: String, CodingKey { case attributes, matrix, offDiagonalMean = "off_diagonal_mean", ci95 }
    public init(attributes: [String], matrix: [[Double]], offDiagonalMean: Double, ci95: [Double]? = nil) {
        self.attributes = attributes; self.matrix = matrix; self.offDiagonalMean = offDiagonalMean; self.ci95 = ci95
    }
}

/// Commutativity error per attribute pair: `a_err` measured on attribute a, `b_err` on b.
public struct Commutativity: Codable, Sendable, Equatable {
    public var pairs: [Pair]
    public var mean: Double
    /// 95% confidence interval [lo, hi] of the mean.
    public var ci95: [Double]

    public struct Pair: Codable, Sendable, Equatable {
        public var a: String
        public var b: String
        public var aErr: Double
        public var bErr: Double
        /// Optional 95% bootstrap intervals of `a_err` and `b_err`.
        public var aCI95: [Double]?
        public var bCI95: [Double]?
        enum CodingKeys: String, CodingKey { case a, b, aErr = "a_err", bErr = "b_err", aCI95 = "a_ci95", bCI95 = "b_ci95" }
        public init(a: String, b: String, aErr: Double, bErr: Double, aCI95: [Double]? = nil, bCI95: [Double]? = nil) {
            self.a = a; self.b = b; self.aErr = aErr; self.bErr = bErr; self.aCI95 = aCI95; self.bCI95 = bCI95
        }
    }
    public init(pairs: [Pair], mean: Double, ci95: [Double]) { self.pairs = pairs; self.mean = mean; self.ci95 = ci95 }
}

/// mean |phi_l^-1 phi_j^-1 phi_l phi_j z - z| / |phi_j z - z|, in percent.
public struct LatentCommutator: Codable, Sendable, Equatable {
    public var mean: Double
    public var ci95: [Double]?
    public init(mean: Double, ci95: [Double]? = nil) { self.mean = mean; self.ci95 = ci95 }
}

/// Percent of edits that change the identity classifier's prediction.
public struct IdentityError: Codable, Sendable, Equatable {
    public var perAttribute: [String: Double]
    public var mean: Double
    public var ci95: [Double]?
    /// Optional 95% bootstrap interval of each `per_attribute` entry.
    public var perAttributeCI95: [String: [Double]]?
    /// Optional: set (with the reason) when no identity classifier was available; then
    /// `per_attribute` is empty and `mean` is 0 and means nothing.
    public var unavailable: String?
    enum CodingKeys: String, CodingKey {
        case perAttribute = "per_attribute", mean, ci95, perAttributeCI95 = "per_attribute_ci95", unavailable
    }
    public init(perAttribute: [String: Double], mean: Double, ci95: [Double]? = nil,
                perAttributeCI95: [String: [Double]]? = nil, unavailable: String? = nil) {
        self.perAttribute = perAttribute; self.mean = mean; self.ci95 = ci95
        self.perAttributeCI95 = perAttributeCI95; self.unavailable = unavailable
    }
}

/// Optional: how strength T_j was calibrated (DESIGN.md 5, "Edit strength").
public struct Calibration: Codable, Sendable, Equatable {
    /// D_j reached on the calibration latents (units of sigma_j).
    public var achieved: Double
    /// False if the search stopped before reaching the target (T_j is then the largest tried).
    public var reached: Bool
    /// Latents the bisection measured D_j on (disjoint from the held-out set).
    public var latents: Int
    public init(achieved: Double, reached: Bool, latents: Int) {
        self.achieved = achieved; self.reached = reached; self.latents = latents
    }
}

/// Optional: an editor trained with several seeds. The enclosing table holds the mean
/// over seeds of every number (its `ci95` fields are the means of the per-seed
/// bootstrap bounds, i.e. latent-sampling uncertainty, and its `matching` and
/// `score_matrix` are those of the first seed, and its `calibration` is absent: each seed's
/// is in `per_seed`); `std` is the spread across seeds.
public struct SeedSpread: Codable, Sendable, Equatable {
    public var count: Int
    /// Sample standard deviation across seeds of each `HeadlineMetric`, by its key.
    public var std: [String: Double]
    /// The full table of every seed, in seed order.
    public var perSeed: [EditorResults]
    enum CodingKeys: String, CodingKey { case count, std, perSeed = "per_seed" }
    public init(count: Int, std: [String: Double], perSeed: [EditorResults]) {
        self.count = count; self.std = std; self.perSeed = perSeed
    }
}

/// One of the headline numbers of an editor: a mean error in percent, the one number
/// per metric that the summary tables compare and whose spread across training seeds
/// `SeedSpread.std` keeps under `key`.
public struct HeadlineMetric: Sendable {
    public let key: String
    public let title: String
    public let value: @Sendable (EditorResults) -> Double

    public static let all: [HeadlineMetric] = [
        .init(key: "side_effect", title: "Side effect (%)", value: { $0.sideEffect.offDiagonalMean }),
        .init(key: "commutativity_order", title: "Comm. order (%)", value: { $0.commutativityOrder.mean }),
        .init(key: "commutativity_roundtrip", title: "Comm. round trip (%)", value: { $0.commutativityRoundtrip.mean }),
        .init(key: "latent_commutator", title: "Latent comm. (%)", value: { $0.latentCommutator.mean }),
        .init(key: "identity_error", title: "Identity (%)", value: { $0.identityError.mean }),
    ]

    /// Identity error has no number when the experiment has no identity classifier.
    public func isUnavailable(in e: EditorResults) -> Bool { key == "identity_error" && e.identityError.unavailable != nil }
}

/// Optional training record of a learned editor.
public struct Training: Codable, Sendable, Equatable {
    public var steps: Int
    public var wallTimeSeconds: Double
    /// Final reconstructor accuracy on k, in percent.
    public var accuracy: Double?
    enum CodingKeys: String, CodingKey { case steps, wallTimeSeconds = "wall_time_s", accuracy }
    public init(steps: Int, wallTimeSeconds: Double, accuracy: Double? = nil) {
        self.steps = steps; self.wallTimeSeconds = wallTimeSeconds; self.accuracy = accuracy
    }
}
