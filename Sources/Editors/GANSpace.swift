import Foundation
import NN
import Tensor

/// GANSpace (Härkönen et al., NeurIPS 2020) for a generator whose early layer
/// is not the latent itself: PCA of early-layer activations y = a(z) over
/// sampled z, then each principal component is carried back to z by linear
/// regression, as the paper does for BigGAN. The pipeline takes a = the first
/// block ReLU(BN(W z + b)) (`DCGAN32Generator.firstBlock`): for the linear
/// y = W z + b the result would be SeFa's eigenvectors of W^T W again.
///
///     x_i = U^T (y_i - mean y)   (PCA coordinates, U [P, K] the top components)
///     V = argmin sum_i |z_i - V x_i|^2 = Z^T X (X^T X)^{-1}      (V [D, K])
///
/// and u_k = v_k / |v_k|. The top K components of the P x P covariance come
/// from subspace iteration with a Rayleigh-Ritz step (P = 4c*16 is too large
/// for a dense eigen solver, and only K << P are needed).
public enum GANSpace {
    /// `firstLayer` maps z [S, D] to activations [S, P]; `samples` latents are drawn from `seed`.
    public static func fit(firstLayer: (Tensor) -> Tensor, latentDim d: Int, directions k: Int,
                           samples s: Int, seed: UInt64) throws -> ClosedFormEditor {
        guard k >= 1, k <= d, s > k else {
            throw EditorError.invalidOption(name: "directions/samples", value: "\(k)/\(s)", expected: "1 <= K <= D and samples > K")
        }
        var rng = RNG(seed: seed)
        let z = Tensor.randn([s, d], rng: &rng)
        let y = Tensor.withoutGradients { firstLayer(z).reshape([s, -1]) }
        let p = y.shape[1]
        guard k <= p else { throw EditorError.invalidOption(name: "directions", value: "\(k)", expected: "at most \(p) activations") }
        // Centred activations Y [S, P] in Float (sgemm does the heavy products).
        let centred = Tensor.withoutGradients { y - y.mean(axes: [0], keepDims: true) }
        let (components, variances) = try topComponents(centred, k: k, rng: &rng)
        let x = Tensor.withoutGradients { matmul(centred, components) }                  // [S, K]
        let xtx = Tensor.withoutGradients { matmul(x, x, transposeA: true) }.scalars.map { Double($0) }   // [K, K]
        let ztx = Tensor.withoutGradients { matmul(z, x, transposeA: true) }.scalars.map { Double($0) }   // [D, K]
        // Row i of V solves (X^T X) v_i = (Z^T X)_i (Cholesky; X^T X is symmetric positive definite).
        let v = try solveSymmetricPositive(xtx, n: k, rightHandSides: (0..<d).map { i in (0..<k).map { ztx[i * k + $0] } })
        return ClosedFormEditor(method: "ganspace", vectors: (0..<k).map { j in (0..<d).map { i in v[i][j] } },
                                scores: variances.map { $0 / Double(s) }, latentDim: d)
    }

    /// Top-k eigenvectors U [P, k] of Y^T Y and their eigenvalues, by subspace iteration.
    static func topComponents(_ y: Tensor, k: Int, rng: inout RNG) throws -> (Tensor, [Double]) {
        let p = y.shape[1]
        let block = min(p, k + 8)
        var q = Tensor(randomOrthonormalColumns(rows: p, columns: block, rng: &rng), shape: [p, block])
        for _ in 0..<60 {
            let next = Tensor.withoutGradients { matmul(y, matmul(y, q), transposeA: true) }   // Y^T Y Q
            q = Tensor(orthonormalise(next.scalars, rows: p, columns: block), shape: [p, block])
        }
        // Rayleigh-Ritz: eigen of Q^T Y^T Y Q [block, block].
        let yq = Tensor.withoutGradients { matmul(y, q) }
        let small = Tensor.withoutGradients { matmul(yq, yq, transposeA: true) }.scalars.map { Double($0) }
        let eigen: SymmetricEigen
        do { eigen = try SymmetricEigen(symmetric: small, n: block) } catch {
            throw EditorError.eigenSolverFailed(reason: error.reason)
        }
        let qv = q.scalars
        var u = [Float](repeating: 0, count: p * k)
        for j in 0..<k {
            let w = eigen.vectors[j]
            for i in 0..<p {
                var acc = 0.0
                for m in 0..<block { acc += Double(qv[i * block + m]) * w[m] }
                u[i * k + j] = Float(acc)
            }
        }
        return (Tensor(u, shape: [p, k]), Array(eigen.values.prefix(k)))
    }

    /// Modified Gram-Schmidt on the columns of a row-major [rows, columns] matrix, in Double.
    static func orthonormalise(_ m: [Float], rows: Int, columns: Int) -> [Float] {
        var cols = (0..<columns).map { j in (0..<rows).map { Double(m[$0 * columns + j]) } }
        for j in 0..<columns {
            for i in 0..<j {
                let dot = zip(cols[i], cols[j]).reduce(0) { $0 + $1.0 * $1.1 }
                for r in 0..<rows { cols[j][r] -= dot * cols[i][r] }
            }
            let n = max(cols[j].reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-300)
            for r in 0..<rows { cols[j][r] /= n }
        }
        var out = [Float](repeating: 0, count: rows * columns)
        for j in 0..<columns { for r in 0..<rows { out[r * columns + j] = Float(cols[j][r]) } }
        return out
    }

    /// Solves A x = b for each right-hand side b (A n x n symmetric positive definite) by Cholesky.
    static func solveSymmetricPositive(_ a: [Double], n: Int, rightHandSides: [[Double]]) throws -> [[Double]] {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for m in 0..<j { sum -= l[i * n + m] * l[j * n + m] }
                if i == j {
                    guard sum > 0 else { throw EditorError.eigenSolverFailed(reason: "PCA coordinates are degenerate (X^T X not positive definite)") }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        return rightHandSides.map { b in
            var y = b
            for i in 0..<n { for m in 0..<i { y[i] -= l[i * n + m] * y[m] }; y[i] /= l[i * n + i] }
            for i in stride(from: n - 1, through: 0, by: -1) {
                for m in (i + 1)..<max(n, i + 1) { y[i] -= l[m * n + i] * y[m] }
                y[i] /= l[i * n + i]
            }
            return y
        }
    }
}
