// Correlations between attribute values and factors or edit amounts, linear and
// circular (for hue). Angles are in the attribute's units with a given period.

import Foundation

public enum CircularStatistics {
    /// x wrapped into [-period/2, period/2).
    public static func wrap(_ x: Double, period: Double) -> Double {
        var y = (x + period / 2).truncatingRemainder(dividingBy: period)
        if y < 0 { y += period }
        return y - period / 2
    }

    public static func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }

    public static func standardDeviation(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        let m = mean(x)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count)).squareRoot()
    }

    /// Pearson's r; 0 if either variable is constant.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "pearson: lengths differ")
        let mx = mean(x), my = mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return 0 }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Length of the mean unit vector of the angles, in [0, 1] (1: all equal).
    public static func meanResultantLength(_ angles: [Double], period: Double) -> Double {
        guard !angles.isEmpty else { return 0 }
        let k = 2 * Double.pi / period
        let s = angles.reduce(0) { $0 + sin(k * $1) }, c = angles.reduce(0) { $0 + cos(k * $1) }
        return (s * s + c * c).squareRoot() / Double(angles.count)
    }

    /// Circular-linear correlation (Mardia 1976) of a linear x with an angle theta:
    /// R^2 = (r_xc^2 + r_xs^2 - 2 r_xc r_xs r_cs) / (1 - r_cs^2), with r_xc = r(x, cos theta),
    /// r_xs = r(x, sin theta), r_cs = r(cos theta, sin theta). R in [0, 1]; for independent
    /// variables E[R^2] ~ 2 / n.
    public static func circularLinear(_ x: [Double], angles: [Double], period: Double) -> Double {
        let k = 2 * Double.pi / period
        let c = angles.map { cos(k * $0) }, s = angles.map { sin(k * $0) }
        let rxc = pearson(x, c), rxs = pearson(x, s), rcs = pearson(c, s)
        guard 1 - rcs * rcs > 1e-12 else { return abs(rxc) }
        let r2 = (rxc * rxc + rxs * rxs - 2 * rxc * rxs * rcs) / (1 - rcs * rcs)
        return Swift.max(0, r2).squareRoot()
    }

    /// Circular-circular correlation (Fisher & Lee 1983):
    /// rho = sum_{i<j} sin(a_i - a_j) sin(b_i - b_j) / sqrt(sum sin^2(a_i - a_j) sum sin^2(b_i - b_j)),
    /// in [-1, 1]; 1 when b = a + constant, defined also for uniformly spread angles.
    public static func circularCircular(_ a: [Double], _ b: [Double], period: Double) -> Double {
        precondition(a.count == b.count, "circularCircular: lengths differ")
        let k = 2 * Double.pi / period
        let sa = a.map { sin(k * $0) }, ca = a.map { cos(k * $0) }
        let sb = b.map { sin(k * $0) }, cb = b.map { cos(k * $0) }
        var num = 0.0, daa = 0.0, dbb = 0.0
        for i in a.indices {
            for j in (i + 1) ..< a.count {
                let da = sa[i] * ca[j] - ca[i] * sa[j] // sin(a_i - a_j)
                let db = sb[i] * cb[j] - cb[i] * sb[j]
                num += da * db
                daa += da * da
                dbb += db * db
            }
        }
        guard daa > 0, dbb > 0 else { return 0 }
        return num / (daa * dbb).squareRoot()
    }

    /// Pearson's r of a measured angle with its true value after unwrapping the
    /// measurement onto the truth's branch: measured' = truth + wrap(measured - truth).
    /// Near 1 when the circular error is small compared with the spread of the truth.
    public static func unwrappedPearson(truth: [Double], measured: [Double], period: Double) -> Double {
        let unwrapped = zip(truth, measured).map { $0 + wrap($1 - $0, period: period) }
        return pearson(truth, unwrapped)
    }

    /// Correlation ratio eta of values grouped by a class label: sqrt(between-group
    /// variance / total variance), in [0, 1]; 0 if the class says nothing about the value.
    public static func correlationRatio(_ values: [Double], groups: [Int]) -> Double {
        precondition(values.count == groups.count, "correlationRatio: lengths differ")
        let m = mean(values)
        var sums: [Int: (Double, Int)] = [:]
        for (v, g) in zip(values, groups) { sums[g, default: (0, 0)].0 += v; sums[g, default: (0, 0)].1 += 1 }
        let between = sums.values.reduce(0.0) { acc, s in
            let gm = s.0 / Double(s.1)
            return acc + Double(s.1) * (gm - m) * (gm - m)
        }
        let total = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return total > 0 ? (between / total).squareRoot() : 0
    }
}
