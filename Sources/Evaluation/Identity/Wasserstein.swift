/// Wasserstein-1 distance between two empirical 1-D distributions:
/// W1 = integral over u in (0, 1) of |Q_a(u) - Q_b(u)| (Q the quantile functions),
/// evaluated exactly on the merged grid of both samples' quantile steps.
/// On a circle of period P it is min over m of integral |F_a - F_b - m| dx
/// (Rabin et al. 2011), with m the weighted median of F_a - F_b.
public enum Wasserstein {
    public static func distance(_ a: [Double], _ b: [Double]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let x = a.sorted(), y = b.sorted()
        var i = 0, j = 0, u = 0.0, total = 0.0
        let na = Double(x.count), nb = Double(y.count)
        while i < x.count && j < y.count {
            let nextA = Double(i + 1) / na, nextB = Double(j + 1) / nb
            let next = Swift.min(nextA, nextB)
            total += (next - u) * abs(x[i] - y[j])
            u = next
            if nextA <= next { i += 1 }
            if nextB <= next { j += 1 }
        }
        return total
    }

    /// Circular W1 for values in [0, period).
    public static func circularDistance(_ a: [Double], _ b: [Double], period: Double) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        func wrap(_ v: Double) -> Double { let r = v.truncatingRemainder(dividingBy: period); return r < 0 ? r + period : r }
        // Breakpoints of both CDFs; between consecutive ones F_a - F_b is constant.
        let events = (a.map { (wrap($0), 1.0 / Double(a.count)) } + b.map { (wrap($0), -1.0 / Double(b.count)) })
            .sorted { $0.0 < $1.0 }
        var segments: [(difference: Double, length: Double)] = []
        var difference = 0.0, position = 0.0
        for (at, step) in events {
            segments.append((difference, at - position))
            difference += step
            position = at
        }
        segments.append((difference, period - position))
        // The weighted median of the difference minimises sum |d - m| * length.
        let sorted = segments.sorted { $0.difference < $1.difference }
        var cumulative = 0.0
        var median = 0.0
        for s in sorted {
            cumulative += s.length
            if cumulative >= period / 2 { median = s.difference; break }
        }
        return segments.reduce(0) { $0 + abs($1.difference - median) * $1.length }
    }
}
