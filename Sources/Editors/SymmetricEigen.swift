import Foundation

/// Eigen decomposition of a symmetric matrix by the cyclic Jacobi method, in
/// Double: rotations zero the off-diagonal entries one pair (p, q) at a time,
///
///     theta = (a_qq - a_pp) / (2 a_pq),  t = sign(theta) / (|theta| + sqrt(theta^2 + 1)),
///     c = 1 / sqrt(t^2 + 1),  s = t c,
///
/// until the off-diagonal mass is below 1e-22 of the total (quadratic
/// convergence: ~6-10 sweeps; n = 128 takes a few milliseconds).
public struct SymmetricEigen {
    /// Eigenvalues, largest first.
    public let values: [Double]
    /// vectors[i] is the unit eigenvector of values[i].
    public let vectors: [[Double]]

    /// `matrix` is n x n row-major and symmetric.
    public init(symmetric matrix: [Double], n: Int) throws {
        guard matrix.count == n * n, n >= 1 else {
            throw EditorError.eigenSolverFailed(reason: "\(matrix.count) values do not make a \(n) x \(n) matrix")
        }
        guard matrix.allSatisfy(\.isFinite) else { throw EditorError.eigenSolverFailed(reason: "the matrix has non-finite entries") }
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let total = a.reduce(0) { $0 + $1 * $1 }
        var converged = false
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<max(n, p + 1) { off += 2 * a[p * n + q] * a[p * n + q] } }
            if off <= 1e-22 * max(total, 1e-300) { converged = true; break }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n where a[p * n + q] != 0 {
                    let apq = a[p * n + q]
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    // A <- J^T A J on rows and columns p, q; V <- V J.
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        guard converged || n == 1 else { throw EditorError.eigenSolverFailed(reason: "Jacobi did not converge in 100 sweeps") }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
        values = order.map { a[$0 * n + $0] }
        vectors = order.map { j in (0..<n).map { v[$0 * n + j] } }
    }
}
