/// Eigendecomposition of a symmetric matrix by the cyclic Jacobi method, in Double.
///
/// Each rotation zeroes one off-diagonal pair (p, q) of A <- J^T A J; sweeps repeat until
/// the off-diagonal mass is below `tolerance` times the matrix's (Golub & Van Loan 8.5).
/// Quadratically convergent; for the 128 x 128 covariances of the Frechet distance a few
/// sweeps suffice. Returns eigenvalues (ascending) and eigenvectors as columns.
public enum SymmetricEigen {
    public struct Result: Sendable {
        public var values: [Double]
        /// Row-major n x n; column k is the eigenvector of values[k].
        public var vectors: [Double]
    }

    public static func decompose(_ matrix: [Double], n: Int, tolerance: Double = 1e-14, maxSweeps: Int = 60) -> Result {
        precondition(matrix.count == n * n, "SymmetricEigen: \(matrix.count) values for \(n) x \(n)")
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let total = a.reduce(0) { $0 + $1 * $1 }
        a.withUnsafeMutableBufferPointer { ab in
            v.withUnsafeMutableBufferPointer { vb in
                guard let a = ab.baseAddress, let v = vb.baseAddress else { return }
                for _ in 0..<maxSweeps {
                    var off = 0.0
                    for p in 0..<n { for q in (p + 1)..<n { off += 2 * a[p * n + q] * a[p * n + q] } }
                    if off <= tolerance * tolerance * Swift.max(total, .leastNormalMagnitude) { break }
                    for p in 0..<n {
                        for q in (p + 1)..<n {
                            let apq = a[p * n + q]
                            if apq == 0 { continue }
                            // t = tan(theta) of the rotation that zeroes a_pq, the smaller root.
                            let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                            let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                            let c = 1 / (t * t + 1).squareRoot(), s = t * c
                            for k in 0..<n {                       // columns p, q of A
                                let akp = a[k * n + p], akq = a[k * n + q]
                                a[k * n + p] = c * akp - s * akq
                                a[k * n + q] = s * akp + c * akq
                            }
                            for k in 0..<n {                       // rows p, q of A
                                let apk = a[p * n + k], aqk = a[q * n + k]
                                a[p * n + k] = c * apk - s * aqk
                                a[q * n + k] = s * apk + c * aqk
                            }
                            for k in 0..<n {                       // V <- V J
                                let vkp = v[k * n + p], vkq = v[k * n + q]
                                v[k * n + p] = c * vkp - s * vkq
                                v[k * n + q] = s * vkp + c * vkq
                            }
                        }
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
        var vectors = [Double](repeating: 0, count: n * n)
        for (column, k) in order.enumerated() { for row in 0..<n { vectors[row * n + column] = v[row * n + k] } }
        return Result(values: order.map { a[$0 * n + $0] }, vectors: vectors)
    }

    /// The symmetric positive semi-definite square root V diag(sqrt(max(lambda, 0))) V^T
    /// (negative eigenvalues, from rounding, are clamped to 0).
    public static func squareRoot(_ matrix: [Double], n: Int) -> [Double] {
        let e = decompose(matrix, n: n)
        var out = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            let root = Swift.max(e.values[k], 0).squareRoot()
            guard root > 0 else { continue }
            for i in 0..<n {
                let vik = e.vectors[i * n + k] * root
                for j in 0..<n { out[i * n + j] += vik * e.vectors[j * n + k] }
            }
        }
        return out
    }
}
