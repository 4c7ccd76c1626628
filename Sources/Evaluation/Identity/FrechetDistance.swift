import Tensor

/// The Frechet distance between Gaussians fitted to two feature sets (Heusel et al. 2017):
///
///     FD = |mu_1 - mu_2|^2 + Tr(S_1 + S_2 - 2 (S_1^1/2 S_2 S_1^1/2)^1/2)
///
/// (S_1^1/2 S_2 S_1^1/2 is symmetric and has the eigenvalues of S_1 S_2, so the trace
/// term equals the usual Tr (S_1 S_2)^1/2 while needing only symmetric square roots.)
/// Features are rows of an N x D matrix; covariances are unbiased (N - 1).
public enum FrechetDistance {
    public struct Gaussian: Sendable {
        public var mean: [Double]
        /// D x D, row-major.
        public var covariance: [Double]
        public var dimension: Int { mean.count }
    }

    /// Mean and covariance of `count` rows of `dimension` features.
    public static func fit(_ features: [Float], count: Int, dimension d: Int) -> Gaussian {
        precondition(features.count == count * d && count >= 2, "FrechetDistance.fit: need at least 2 rows of \(d)")
        var mean = [Double](repeating: 0, count: d)
        var cov = [Double](repeating: 0, count: d * d)
        features.withUnsafeBufferPointer { fb in
            guard let f = fb.baseAddress else { return }
            for r in 0..<count { for j in 0..<d { mean[j] += Double(f[r * d + j]) } }
            for j in 0..<d { mean[j] /= Double(count) }
            var centred = [Double](repeating: 0, count: d)
            cov.withUnsafeMutableBufferPointer { cb in
                guard let c = cb.baseAddress else { return }
                for r in 0..<count {
                    for j in 0..<d { centred[j] = Double(f[r * d + j]) - mean[j] }
                    centred.withUnsafeBufferPointer { xb in
                        guard let x = xb.baseAddress else { return }
                        for i in 0..<d {
                            let xi = x[i]
                            if xi == 0 { continue }
                            let row = c + i * d
                            for j in i..<d { row[j] += xi * x[j] }
                        }
                    }
                }
                for i in 0..<d { for j in i..<d {
                    let value = c[i * d + j] / Double(count - 1)
                    c[i * d + j] = value
                    c[j * d + i] = value
                } }
            }
        }
        return Gaussian(mean: mean, covariance: cov)
    }

    /// NaN when a covariance has non-finite entries (features of a diverged
    /// generator): the eigensolver refuses those, and NaN is what the arithmetic
    /// would give.
    public static func distance(_ a: Gaussian, _ b: Gaussian) -> Double {
        let d = a.dimension
        precondition(b.dimension == d, "FrechetDistance: dimensions \(d) and \(b.dimension) differ")
        var meanTerm = 0.0
        for j in 0..<d { meanTerm += (a.mean[j] - b.mean[j]) * (a.mean[j] - b.mean[j]) }
        guard let rootA = try? squareRoot(a.covariance, n: d) else { return .nan }
        // S_1^1/2 S_2 S_1^1/2 is symmetric; SymmetricEigen averages away the rounding asymmetry.
        let inner = multiply(multiply(rootA, b.covariance, d), rootA, d)
        guard let eigen = try? SymmetricEigen(symmetric: inner, n: d) else { return .nan }
        let roots = eigen.values.map { Swift.max($0, 0).squareRoot() }
        var trace = 0.0
        for i in 0..<d { trace += a.covariance[i * d + i] + b.covariance[i * d + i] }
        return meanTerm + trace - 2 * roots.reduce(0, +)
    }

    /// The symmetric positive semi-definite square root V diag(sqrt(max(lambda, 0))) V^T
    /// (negative eigenvalues, from rounding, are clamped to 0).
    static func squareRoot(_ matrix: [Double], n: Int) throws -> [Double] {
        let e = try SymmetricEigen(symmetric: matrix, n: n)
        var out = [Double](repeating: 0, count: n * n)
        for (lambda, v) in zip(e.values, e.vectors) {
            let root = Swift.max(lambda, 0).squareRoot()
            guard root > 0 else { continue }
            for i in 0..<n {
                let vi = v[i] * root
                for j in 0..<n { out[i * n + j] += vi * v[j] }
            }
        }
        return out
    }

    static func multiply(_ x: [Double], _ y: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for k in 0..<n {
            let xik = x[i * n + k]
            if xik == 0 { continue }
            for j in 0..<n { out[i * n + j] += xik * y[k * n + j] }
        } }
        return out
    }
}
