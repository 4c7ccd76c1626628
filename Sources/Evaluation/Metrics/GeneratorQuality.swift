// Generator quality (DESIGN.md section 5): the Frechet distance between Gaussians
// fitted to real and generated features,
//     FD = |mu_r - mu_g|^2 + Tr(S_r + S_g - 2 (S_r^1/2 S_g S_r^1/2)^1/2),
// beside the same distance between two halves of the real data, and the
// Wasserstein-1 distance of each attribute's distribution in units of sigma.

import Datasets

public enum FrechetDistance {
    public static func between(_ x: [[Double]], _ y: [[Double]]) -> Double {
        let (mx, sx) = moments(x), (my, sy) = moments(y)
        let meanTerm = zip(mx, my).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let root = SymmetricEigen.squareRoot(sx)
        let product = multiply(multiply(root, sy), root)
        let cross = SymmetricEigen.decompose(symmetrised(product)).values.reduce(0) { $0 + Swift.max($1, 0).squareRoot() }
        let traces = (0 ..< sx.count).reduce(0) { $0 + sx[$1][$1] + sy[$1][$1] }
        return Swift.max(meanTerm + traces - 2 * cross, 0)
    }

    /// Mean and (biased, 1/n) covariance of rows of features.
    static func moments(_ x: [[Double]]) -> ([Double], [[Double]]) {
        let n = Double(Swift.max(x.count, 1)), d = x.first?.count ?? 0
        var mean = [Double](repeating: 0, count: d)
        for row in x { for i in 0 ..< d { mean[i] += row[i] / n } }
        var cov = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for row in x {
            for i in 0 ..< d {
                let di = row[i] - mean[i]
                for j in i ..< d { cov[i][j] += di * (row[j] - mean[j]) / n }
            }
        }
        for i in 0 ..< d { for j in 0 ..< i { cov[i][j] = cov[j][i] } }
        return (mean, cov)
    }

    static func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        let n = a.count, m = b.first?.count ?? 0, k = b.count
        return (0 ..< n).map { i in (0 ..< m).map { j in (0 ..< k).reduce(0) { $0 + a[i][$1] * b[$1][j] } } }
    }

    static func symmetrised(_ a: [[Double]]) -> [[Double]] {
        a.indices.map { i in a.indices.map { j in (a[i][j] + a[j][i]) / 2 } }
    }
}

public enum Wasserstein {
    /// W1 between two samples of a linear variable: the L1 distance between quantile functions.
    public static func linear(_ x: [Double], _ y: [Double]) -> Double {
        let a = x.sorted(), b = y.sorted()
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        // Integrate |F^-1(u) - G^-1(u)| over the merged grid of quantile levels.
        var levels = Set<Double>([0, 1])
        for i in 1 ..< a.count { levels.insert(Double(i) / Double(a.count)) }
        for i in 1 ..< b.count { levels.insert(Double(i) / Double(b.count)) }
        let u = levels.sorted()
        var total = 0.0
        for i in 0 ..< u.count - 1 {
            let mid = (u[i] + u[i + 1]) / 2
            let qa = a[Swift.min(Int(mid * Double(a.count)), a.count - 1)]
            let qb = b[Swift.min(Int(mid * Double(b.count)), b.count - 1)]
            total += abs(qa - qb) * (u[i + 1] - u[i])
        }
        return total
    }

    /// W1 on a circle of circumference `period`: int |F(t) - G(t) - m| dt with m the
    /// weighted median of F - G (Rabin, Delon & Gousseau 2011).
    public static func circular(_ x: [Double], _ y: [Double], period: Double) -> Double {
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        let wrap = { (v: Double) -> Double in let r = v.truncatingRemainder(dividingBy: period); return r < 0 ? r + period : r }
        let a = x.map(wrap).sorted(), b = y.map(wrap).sorted()
        let points = (a + b + [0, period]).sorted()
        var segments: [(length: Double, value: Double)] = []
        var ia = 0, ib = 0
        for i in 0 ..< points.count - 1 where points[i + 1] > points[i] {
            while ia < a.count && a[ia] <= points[i] { ia += 1 }
            while ib < b.count && b[ib] <= points[i] { ib += 1 }
            segments.append((points[i + 1] - points[i], Double(ia) / Double(a.count) - Double(ib) / Double(b.count)))
        }
        let sorted = segments.sorted { $0.value < $1.value }
        let half = segments.reduce(0) { $0 + $1.length } / 2
        var acc = 0.0, median = sorted.last?.value ?? 0
        for s in sorted { acc += s.length; if acc >= half { median = s.value; break } }
        return segments.reduce(0) { $0 + $1.length * abs($1.value - median) }
    }
}

/// What `GeneratorQualityMeasure` computes.
public struct GeneratorQualityFigures: Equatable, Sendable {
    public var frechet: Double
    public var frechetReal: Double
    public var samples: Int
    /// W1 per attribute key, in units of sigma.
    public var wasserstein: [String: Double]
    /// `identity_classifier` or `attributes`.
    public var features: String
}

public enum GeneratorQualityMeasure {
    /// Compares `samples` generated images (latents from `seed`) with real images: FD
    /// generated vs the first half of `real`, FD of the two halves of `real`, W1 per attribute.
    public static func measure(generator: some ImageGenerator, real: ImageBatch, attributes: [MeasuredAttribute],
                               classifier: (any IdentityClassifier)?, samples: Int, seed: UInt64) -> GeneratorQualityFigures {
        let half = Swift.min(samples, real.count / 2)
        let realA = real.gathering(Array(0 ..< half)), realB = real.gathering(Array(half ..< 2 * half))
        let fake = generator.generate(.normal(count: half, dim: generator.latentDim, seed: seed))
        let realValues = AttributeReadout.measure(realA, attributes), fakeValues = AttributeReadout.measure(fake, attributes)
        func attributeFeatures(_ values: [[Double]]) -> [[Double]] {
            (0 ..< (values.first?.count ?? 0)).map { n in attributes.indices.map { values[$0][n] / attributes[$0].sigma } }
        }
        let fr: Double, frReal: Double, features: String
        if let classifier {
            let fa = classifier.features(realA)
            fr = FrechetDistance.between(fa, classifier.features(fake))
            frReal = FrechetDistance.between(fa, classifier.features(realB))
            features = "identity_classifier"
        } else {
            // Circular attributes enter as their value; hue concentrated away from the cut is fine,
            // a hue spread over the circle makes this figure a rough one (documented in the contract).
            let fa = attributeFeatures(realValues)
            fr = FrechetDistance.between(fa, attributeFeatures(fakeValues))
            frReal = FrechetDistance.between(fa, attributeFeatures(AttributeReadout.measure(realB, attributes)))
            features = "attributes"
        }
        var w1: [String: Double] = [:]
        for (j, a) in attributes.enumerated() {
            let d = a.measurer.period.map { Wasserstein.circular(realValues[j], fakeValues[j], period: $0) }
                ?? Wasserstein.linear(realValues[j], fakeValues[j])
            w1[a.key] = d / a.sigma
        }
        return GeneratorQualityFigures(frechet: fr, frechetReal: frReal, samples: half, wasserstein: w1, features: features)
    }
}
