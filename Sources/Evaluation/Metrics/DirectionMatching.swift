// Direction matching (DESIGN.md section 5): traverse every direction k over
// t in [-T, T] for M latents, score(k, j) = mean over latents of |corr(t, a_j)|,
// then give each attribute a distinct direction maximising the total score
// (Hungarian), with the sign of the mean signed correlation.
//
// Circular attributes (hue) are unwrapped along each path before correlating:
// a'_0 = a_0, a'_i = a'_{i-1} + wrap(a_i - a_{i-1}), so a hue that turns steadily
// through 360 -> 0 correlates as the straight line it is (steps between adjacent
// points are assumed to be below half a period).

/// Attribute j is edited along direction `direction` with sign `sign`.
public struct DirectionAssignment: Equatable, Sendable {
    public var attribute: String
    public var direction: Int
    /// +1 or -1: the sign of the mean signed correlation of t with a_j.
    public var sign: Int
    /// score(direction, j) in [0, 1].
    public var score: Double
}

public struct DirectionMatch: Equatable, Sendable {
    /// One entry per attribute, in attribute order.
    public var assignments: [DirectionAssignment]
    /// score[k][j] = mean |corr(t, a_j)| along direction k.
    public var score: [[Double]]
    /// Mean signed correlation, same layout.
    public var signedCorrelation: [[Double]]
}

public enum DirectionMatchingError: Error, CustomStringConvertible, Equatable {
    case tooFewDirections(directions: Int, attributes: Int)
    case tooFewPoints(points: Int)

    public var description: String {
        switch self {
        case let .tooFewDirections(k, j):
            return "direction matching: the editor has \(k) directions for \(j) attributes; give it at least \(j) directions or measure fewer attributes"
        case let .tooFewPoints(p):
            return "direction matching: evaluation.points is \(p); use at least 3 points along each path"
        }
    }
}

public struct DirectionMatcher {
    /// T: paths run over [-T, T].
    public var strength: Double
    /// Points along each path, evenly spaced, ends included.
    public var points: Int

    public init(strength: Double, points: Int) {
        self.strength = strength
        self.points = points
    }

    /// The t values of a path.
    public var amounts: [Double] {
        (0 ..< points).map { -strength + 2 * strength * Double($0) / Double(points - 1) }
    }

    public func match(editor: some EditFunction, generator: some ImageGenerator,
                      attributes: [MeasuredAttribute], latents z: LatentBatch) throws -> DirectionMatch {
        guard points >= 3 else { throw DirectionMatchingError.tooFewPoints(points: points) }
        guard editor.directions >= attributes.count else {
            throw DirectionMatchingError.tooFewDirections(directions: editor.directions, attributes: attributes.count)
        }
        let ts = amounts
        var score: [[Double]] = [], signed: [[Double]] = []
        for k in 0 ..< editor.directions {
            // values[i][j][b]: attribute j of latent b at point i.
            let values = ts.map { t in
                AttributeReadout.measure(generator.generate(editor.edit(z, direction: k, amount: t)), attributes)
            }
            var absRow = [Double](repeating: 0, count: attributes.count), signedRow = absRow
            for (j, attribute) in attributes.enumerated() {
                for b in 0 ..< z.count {
                    let path = DirectionMatcher.unwrapped(ts.indices.map { values[$0][j][b] }, period: attribute.measurer.period)
                    let r = CircularStatistics.pearson(ts, path)
                    absRow[j] += abs(r) / Double(z.count)
                    signedRow[j] += r / Double(z.count)
                }
            }
            score.append(absRow)
            signed.append(signedRow)
        }
        return DirectionMatcher.assign(score: score, signedCorrelation: signed, keys: attributes.map(\.key))
    }

    /// Hungarian assignment of attributes (columns of `score`) to directions (rows).
    public static func assign(score: [[Double]], signedCorrelation: [[Double]], keys: [String]) -> DirectionMatch {
        let byAttribute = keys.indices.map { j in score.map { $0[j] } }
        let chosen = Hungarian.maximise(byAttribute)
        let assignments = keys.indices.map { j in
            let k = chosen[j]
            return DirectionAssignment(attribute: keys[j], direction: k, sign: signedCorrelation[k][j] < 0 ? -1 : 1,
                                       score: score[k][j])
        }
        return DirectionMatch(assignments: assignments, score: score, signedCorrelation: signedCorrelation)
    }

    /// A circular path made continuous (see the file comment); linear paths unchanged.
    public static func unwrapped(_ path: [Double], period: Double?) -> [Double] {
        guard let period, var previous = path.first else { return path }
        var out = [previous]
        for i in 1 ..< path.count {
            previous += CircularStatistics.wrap(path[i] - path[i - 1], period: period)
            out.append(previous)
        }
        return out
    }
}
