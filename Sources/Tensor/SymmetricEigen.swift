import CBLAS

/// Eigendecomposition A = V diag(lambda) V^T of a real symmetric n x n matrix,
/// in Double, by LAPACK's divide-and-conquer solver dsyevd (in OpenBLAS):
/// Householder reduction to tridiagonal form, then Cuppen's divide and
/// conquer on the tridiagonal, O(n^3) with all eigenvectors.
///
/// Eigenvalues come largest first (LAPACK returns them ascending). An
/// eigenvector's sign is arbitrary and LAPACK's depends on the kernels the
/// library picked, so each vector is flipped to make its largest-magnitude
/// component positive (the first such on a tie): callers that turn
/// eigenvectors into edit directions get the same direction on every machine.
public struct SymmetricEigen: Sendable {
    public let n: Int
    /// Eigenvalues, largest first.
    public let values: [Double]
    /// vectors[i] is the unit eigenvector of values[i].
    public let vectors: [[Double]]

    /// `matrix` is n x n, row-major and symmetric; it is symmetrised as
    /// (A + A^T) / 2 first, so rounding asymmetry (of A^T A from sgemm, say)
    /// cannot make the result depend on which triangle LAPACK reads.
    public init(symmetric matrix: [Double], n: Int) throws(SymmetricEigenError) {
        guard n >= 1, matrix.count == n * n else { throw .notSquare(count: matrix.count, n: n) }
        guard matrix.allSatisfy(\.isFinite) else { throw .nonFinite(n: n) }
        BLAS.ensureReady()
        // Symmetric, so row-major and column-major (LAPACK's) are the same matrix.
        var a = matrix
        for i in 0..<n { for j in 0..<i {
            let mean = 0.5 * (matrix[i * n + j] + matrix[j * n + i])
            a[i * n + j] = mean
            a[j * n + i] = mean
        } }
        var w = [Double](repeating: 0, count: n)
        // Fortran takes every argument by reference; "V": vectors too, "L": read the lower triangle.
        var order = Int32(n), leading = Int32(n), info: Int32 = 0
        // Workspace query (lwork = liwork = -1): the optimal sizes come back in work[0] and iwork[0].
        var workSize = 0.0, iworkSize: Int32 = 0, lwork: Int32 = -1, liwork: Int32 = -1
        dsyevd_("V", "L", &order, &a, &leading, &w, &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1)
        guard info == 0 else { throw .lapackFailed(routine: "dsyevd", info: Int(info)) }
        lwork = Int32(workSize.rounded(.up))
        liwork = iworkSize
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_("V", "L", &order, &a, &leading, &w, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        guard info == 0 else { throw .lapackFailed(routine: "dsyevd", info: Int(info)) }
        // Column k of the column-major result (a[k*n ..< (k+1)*n]) is the eigenvector of w[k].
        self.n = n
        values = Array(w.reversed())
        vectors = (0..<n).reversed().map { k in
            var v = Array(a[(k * n)..<((k + 1) * n)])
            var largest = 0
            for i in 1..<n where Swift.abs(v[i]) > Swift.abs(v[largest]) { largest = i }
            if v[largest] < 0 { for i in 0..<n { v[i] = -v[i] } }
            return v
        }
    }
}

/// Why a symmetric eigendecomposition was refused or failed.
public enum SymmetricEigenError: Error, CustomStringConvertible, Equatable {
    case notSquare(count: Int, n: Int)
    case nonFinite(n: Int)
    /// info < 0: argument -info was illegal (a bug in the call); info > 0: no convergence.
    case lapackFailed(routine: String, info: Int)

    /// What went wrong, without advice (callers put it in their own messages).
    public var reason: String {
        switch self {
        case let .notSquare(count, n):
            return "\(count) values do not make a \(n) x \(n) matrix"
        case .nonFinite:
            return "the matrix has non-finite entries"
        case let .lapackFailed(routine, info) where info < 0:
            return "LAPACK \(routine) rejected argument \(-info)"
        case let .lapackFailed(routine, info):
            return "LAPACK \(routine) did not converge (info = \(info))"
        }
    }

    public var description: String {
        switch self {
        case .notSquare:
            return "symmetric eigendecomposition: \(reason); pass n * n row-major values"
        case let .nonFinite(n):
            return "symmetric eigendecomposition of a \(n) x \(n) matrix: \(reason); check its source for NaN or infinity"
        case .lapackFailed:
            return "symmetric eigendecomposition: \(reason); report this with the matrix that caused it"
        }
    }
}
