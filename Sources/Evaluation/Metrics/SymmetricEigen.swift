// Eigenvalues of a real symmetric matrix by cyclic Jacobi rotations (Golub & Van
// Loan 8.5): enough for the Frechet distance's feature covariances (d <= a few hundred).

public enum SymmetricEigen {
    /// Eigenvalues and eigenvectors (columns of `vectors`, row-major n x n) of symmetric `a`.
    public static func decompose(_ a: [[Double]], sweeps: Int = 60) -> (values: [Double], vectors: [[Double]]) {
        let n = a.count
        var m = a
        var v = (0 ..< n).map { i in (0 ..< n).map { $0 == i ? 1.0 : 0.0 } }
        for _ in 0 ..< sweeps {
            var off = 0.0, total = 0.0
            for i in 0 ..< n { for j in 0 ..< n { total += m[i][j] * m[i][j]; if i != j { off += m[i][j] * m[i][j] } } }
            if off <= 1e-22 * Swift.max(total, 1e-300) { break }
            for p in 0 ..< n {
                for q in p + 1 ..< n where m[p][q] != 0 {
                    // Rotation angle that zeroes m[p][q]: tan(2 theta) = 2 m_pq / (m_qq - m_pp).
                    let theta = (m[q][q] - m[p][p]) / (2 * m[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0 ..< n {
                        let mkp = m[k][p], mkq = m[k][q]
                        m[k][p] = c * mkp - s * mkq
                        m[k][q] = s * mkp + c * mkq
                    }
                    for k in 0 ..< n {
                        let mpk = m[p][k], mqk = m[q][k]
                        m[p][k] = c * mpk - s * mqk
                        m[q][k] = s * mpk + c * mqk
                    }
                    for k in 0 ..< n {
                        let vkp = v[k][p], vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0 ..< n).map { m[$0][$0] }, v)
    }

    /// The symmetric square root of a positive semi-definite matrix (negative eigenvalues,
    /// from rounding, are clamped to 0).
    public static func squareRoot(_ a: [[Double]]) -> [[Double]] {
        let (values, v) = decompose(a)
        let n = a.count, roots = values.map { Swift.max($0, 0).squareRoot() }
        return (0 ..< n).map { i in (0 ..< n).map { j in (0 ..< n).reduce(0) { $0 + v[i][$1] * roots[$1] * v[j][$1] } } }
    }
}
