// One editor, end to end: match directions, calibrate strengths, and compute the
// metric tables at the calibrated strengths and at the config's fixed T.
//
// Latent sets, all z ~ N(0, I) from seeds derived from `EvaluationSettings.seed`
// (the evaluate stage's own seed, never an editor's training seed, so the latents
// are held out): matching (M latents), calibration, and the held-out metric set.

public struct EvaluationSettings: Sendable, Equatable {
    /// Fixed strength T (also the half-range of the matching paths and the first calibration guess).
    public var strength: Double
    /// Points along each matching path.
    public var points: Int
    /// Held-out latents per metric.
    public var latents: Int
    /// Latents traversed per direction for matching (M).
    public var matchingLatents: Int
    /// Latents the calibration bisection measures D_j on (disjoint from the held-out set).
    public var calibrationLatents: Int
    /// Calibrate T_j (else only the fixed-T tables are computed).
    public var calibrate: Bool
    /// Calibration target for D_j, in units of sigma_j.
    public var targetChange: Double
    public var seed: UInt64
    public var bootstrapResamples: Int

    public init(strength: Double = 3, points: Int = 9, latents: Int = 500, matchingLatents: Int? = nil,
                calibrationLatents: Int? = nil, calibrate: Bool = true, targetChange: Double = 1,
                seed: UInt64 = 0, bootstrapResamples: Int = 1000) {
        self.strength = strength; self.points = points; self.latents = latents
        self.matchingLatents = matchingLatents ?? Swift.min(latents, 128)
        self.calibrationLatents = calibrationLatents ?? Swift.min(latents, 256)
        self.calibrate = calibrate; self.targetChange = targetChange; self.seed = seed
        self.bootstrapResamples = bootstrapResamples
    }

    /// Seeds of the three latent sets and the bootstrap, derived from `seed`.
    public enum Stream: UInt64 { case heldOut = 1, matching = 2, calibration = 3, bootstrap = 4 }

    public func seed(_ stream: Stream) -> UInt64 {
        // SplitMix64's increment keeps the streams apart for every base seed.
        (seed &+ stream.rawValue &* 0x9E37_79B9_7F4A_7C15) ^ 0x5EED_E7A1
    }
}

public struct EditorEvaluation: Equatable, Sendable {
    public var match: DirectionMatch
    /// Nil when calibration is off.
    public var calibration: [CalibrationOutcome]?
    /// Tables at the calibrated T_j (nil when calibration is off).
    public var calibrated: EditMetrics?
    /// Tables at the fixed T of the config.
    public var fixed: EditMetrics
}

public enum EvaluationError: Error, CustomStringConvertible, Equatable {
    case zeroSpread(attribute: String)
    case noAttributes
    case badSetting(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .zeroSpread(let key):
            return "attribute \(key): its std over real data is 0 (or not finite), so changes cannot be normalised; check the dataset or drop \(key) from evaluation.attributes"
        case .noAttributes:
            return "evaluation.attributes is empty: nothing to measure; list attributes of the measurers (sprites: V, H, S, B, C; digits: W, T, A, Ht)"
        case let .badSetting(key, value, expected):
            return "evaluation.\(key) is \(value); expected \(expected)"
        }
    }
}

/// Evaluates editors against one generator, attribute set and classifier. The
/// held-out set is measured once and shared, so every editor sees the same latents.
public struct EditorEvaluator<Generator: ImageGenerator> {
    public let settings: EvaluationSettings
    public let attributes: [MeasuredAttribute]
    public let generator: Generator
    public let classifier: (any IdentityClassifier)?
    public let heldOut: HeldOutSet
    let matchingLatents: LatentBatch
    let calibrationLatents: LatentBatch
    let calibrationBase: [[Double]]

    public init(settings: EvaluationSettings, attributes: [MeasuredAttribute], generator: Generator,
                classifier: (any IdentityClassifier)?) throws {
        guard !attributes.isEmpty else { throw EvaluationError.noAttributes }
        for a in attributes where !(a.sigma > 0 && a.sigma.isFinite) { throw EvaluationError.zeroSpread(attribute: a.key) }
        guard settings.strength > 0, settings.strength.isFinite else {
            throw EvaluationError.badSetting(key: "strength", value: "\(settings.strength)", expected: "a positive number")
        }
        guard settings.latents >= 2, settings.matchingLatents >= 1, settings.calibrationLatents >= 1 else {
            throw EvaluationError.badSetting(key: "latents", value: "\(settings.latents)", expected: "at least 2")
        }
        guard settings.targetChange > 0 else {
            throw EvaluationError.badSetting(key: "target_change", value: "\(settings.targetChange)", expected: "a positive number")
        }
        self.settings = settings
        self.attributes = attributes
        self.generator = generator
        self.classifier = classifier
        let d = generator.latentDim
        heldOut = HeldOutSet(latents: .normal(count: settings.latents, dim: d, seed: settings.seed(.heldOut)),
                             generator: generator, attributes: attributes, classifier: classifier)
        matchingLatents = .normal(count: settings.matchingLatents, dim: d, seed: settings.seed(.matching))
        calibrationLatents = .normal(count: settings.calibrationLatents, dim: d, seed: settings.seed(.calibration))
        calibrationBase = AttributeReadout.measure(generator.generate(calibrationLatents), attributes)
    }

    public var bootstrap: Bootstrap { Bootstrap(resamples: settings.bootstrapResamples, seed: settings.seed(.bootstrap)) }

    public func match(_ editor: some EditFunction) throws -> DirectionMatch {
        try DirectionMatcher(strength: settings.strength, points: settings.points)
            .match(editor: editor, generator: generator, attributes: attributes, latents: matchingLatents)
    }

    public func calibrate(_ editor: some EditFunction, match: DirectionMatch) -> [CalibrationOutcome] {
        StrengthCalibrator(target: settings.targetChange, initialStrength: settings.strength)
            .calibrate(editor: editor, generator: generator, attributes: attributes, match: match,
                       latents: calibrationLatents, base: calibrationBase)
    }

    public func metrics(_ editor: some EditFunction, edits: [MatchedEdit]) -> EditMetrics {
        EditMetricsComputer(attributes: attributes, bootstrap: bootstrap)
            .compute(edits: edits, editor: editor, generator: generator, classifier: classifier, heldOut: heldOut)
    }

    /// Matching, calibration (if on), and both tables.
    public func evaluate(_ editor: some EditFunction) throws -> EditorEvaluation {
        let match = try match(editor)
        let fixed = metrics(editor, edits: match.assignments.map { MatchedEdit($0, strength: settings.strength) })
        guard settings.calibrate else { return EditorEvaluation(match: match, calibration: nil, calibrated: nil, fixed: fixed) }
        let calibration = calibrate(editor, match: match)
        let edits = zip(match.assignments, calibration).map { MatchedEdit($0, strength: $1.strength) }
        return EditorEvaluation(match: match, calibration: calibration, calibrated: metrics(editor, edits: edits), fixed: fixed)
    }
}
