// Edit-strength calibration (DESIGN.md section 5, "Edit strength"): editors scale
// their paths differently, so T_j is chosen per editor and attribute such that the
// mean target change D_j(T) = mean |a_j(G(phi_k^{sT} z)) - a_j(G(z))| / sigma_j
// equals a common target (1.0 sigma_j by default).
//
// Bracketing: start at T0 and double until D_j(T) >= target (at most `maxDoublings`
// times); then bisect on [lo, hi] until |D_j - target| <= tolerance * target or
// `iterations` steps. D_j is not monotone in general (a hue wraps, a position hits
// the border): bisection returns a crossing of the target, not necessarily the first.

public struct CalibrationOutcome: Equatable, Sendable {
    public var attribute: String
    public var strength: Double
    /// D_j at `strength` on the calibration latents.
    public var achieved: Double
    /// False when even the largest T tried stayed below the target (then T is that largest T).
    public var reached: Bool
    /// Evaluations of D_j spent.
    public var evaluations: Int
}

public struct StrengthCalibrator: Sendable {
    public var target: Double
    public var initialStrength: Double
    public var maxDoublings: Int
    public var iterations: Int
    /// Relative tolerance on D_j.
    public var tolerance: Double

    public init(target: Double, initialStrength: Double, maxDoublings: Int = 4, iterations: Int = 14,
                tolerance: Double = 0.01) {
        self.target = target; self.initialStrength = initialStrength; self.maxDoublings = maxDoublings
        self.iterations = iterations; self.tolerance = tolerance
    }

    /// The strength T (> 0) whose D(T) is closest to the target found by the search;
    /// `change` evaluates D(T).
    public func calibrate(attribute: String, change: (Double) -> Double) -> CalibrationOutcome {
        var evaluations = 0
        func d(_ t: Double) -> Double { evaluations += 1; return change(t) }
        var lo = 0.0, hi = initialStrength, dHi = d(hi)
        var doublings = 0
        while dHi < target && doublings < maxDoublings {
            lo = hi
            hi *= 2
            dHi = d(hi)
            doublings += 1
        }
        guard dHi >= target else {
            return CalibrationOutcome(attribute: attribute, strength: hi, achieved: dHi, reached: false, evaluations: evaluations)
        }
        var best = (t: hi, d: dHi)
        for _ in 0 ..< iterations where abs(best.d - target) > tolerance * target {
            let mid = (lo + hi) / 2, dMid = d(mid)
            if abs(dMid - target) < abs(best.d - target) { best = (mid, dMid) }
            if dMid < target { lo = mid } else { hi = mid }
        }
        return CalibrationOutcome(attribute: attribute, strength: best.t, achieved: best.d,
                                  reached: abs(best.d - target) <= tolerance * target, evaluations: evaluations)
    }

    /// Calibrates every matched attribute of an editor on latents `z` (with their
    /// measured attributes `base[j][b]`).
    public func calibrate(editor: some EditFunction, generator: some ImageGenerator, attributes: [MeasuredAttribute],
                          match: DirectionMatch, latents z: LatentBatch, base: [[Double]]) -> [CalibrationOutcome] {
        match.assignments.enumerated().map { j, assignment in
            let attribute = attributes[j]
            return calibrate(attribute: assignment.attribute) { t in
                let edited = MatchedEdit(assignment, strength: t).apply(z, with: editor)
                let values = AttributeReadout.measure(generator.generate(edited), [attribute.measurer])[0]
                return TargetChange.mean(before: base[j], after: values, attribute: attribute)
            }
        }
    }
}

/// D_j = mean |a_j(after) - a_j(before)| / sigma_j (shortest arc for circular attributes).
public enum TargetChange {
    public static func perLatent(before: [Double], after: [Double], attribute: MeasuredAttribute) -> [Double] {
        zip(before, after).map { abs(attribute.measurer.difference($1, $0)) / attribute.sigma }
    }

    public static func mean(before: [Double], after: [Double], attribute: MeasuredAttribute) -> Double {
        let values = perLatent(before: before, after: after, attribute: attribute)
        return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
