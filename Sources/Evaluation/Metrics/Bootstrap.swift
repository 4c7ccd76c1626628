// Percentile bootstrap of a mean over per-latent values, seeded so that the
// interval is identical on every run.

import Tensor

/// A mean with its 95% bootstrap interval and the number of samples it averages.
public struct Estimate: Equatable, Sendable {
    public var mean: Double
    public var lower: Double
    public var upper: Double
    public var samples: Int

    public init(mean: Double, lower: Double, upper: Double, samples: Int) {
        self.mean = mean; self.lower = lower; self.upper = upper; self.samples = samples
    }

    /// Every field times `factor` (e.g. 100 for percent); a negative factor swaps the bounds.
    public func scaled(_ factor: Double) -> Estimate {
        let a = lower * factor, b = upper * factor
        return Estimate(mean: mean * factor, lower: Swift.min(a, b), upper: Swift.max(a, b), samples: samples)
    }

    public var interval: [Double] { [lower, upper] }
}

public struct Bootstrap: Sendable {
    /// Resamples drawn.
    public var resamples: Int
    public var seed: UInt64

    public init(resamples: Int = 1000, seed: UInt64) {
        self.resamples = resamples
        self.seed = seed
    }

    /// The mean of `values` with the 2.5 and 97.5 percentiles of the means of `resamples`
    /// resamples drawn with replacement. Empty input gives zeros with 0 samples.
    public func mean(_ values: [Double]) -> Estimate {
        statistic([values]) { $0[0] }
    }

    /// A statistic of the column means of per-latent values, `f(mean of each column)`, with
    /// the percentiles of `f` recomputed on every resample of the latents (one resample of
    /// rows for all columns). For ratios of means, such as a side effect
    /// mean(change of a_l) / mean(change of a_j), whose denominator is estimated from the
    /// same latents: resampling the numerator alone would leave the denominator's
    /// uncertainty out of the interval. `mean` is the case of one column and f = identity.
    public func statistic(_ columns: [[Double]], _ f: ([Double]) -> Double) -> Estimate {
        let n = columns.first?.count ?? 0
        guard n > 0, columns.allSatisfy({ $0.count == n }) else { return Estimate(mean: 0, lower: 0, upper: 0, samples: 0) }
        let value = f(columns.map { $0.reduce(0, +) / Double(n) })
        guard n > 1, resamples > 0 else { return Estimate(mean: value, lower: value, upper: value, samples: n) }
        var rng = RNG(seed: seed)
        var values = [Double](repeating: 0, count: resamples)
        var sums = [Double](repeating: 0, count: columns.count)
        for r in 0 ..< resamples {
            for c in sums.indices { sums[c] = 0 }
            for _ in 0 ..< n {
                let i = rng.int(below: n)
                for c in columns.indices { sums[c] += columns[c][i] }
            }
            values[r] = f(sums.map { $0 / Double(n) })
        }
        values.sort()
        return Estimate(mean: value, lower: Bootstrap.percentile(values, 0.025),
                        upper: Bootstrap.percentile(values, 0.975), samples: n)
    }

    /// Linear interpolation between order statistics of sorted values (q in [0, 1]).
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let i = Int(position.rounded(.down)), f = position - Double(i)
        return i + 1 < sorted.count ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i]
    }
}
