import NN
import Tensor

/// LinearGANSpace (Voynov & Babenko, ICML 2020): phi_k^t(z) = z + t a_k / |a_k|,
/// A [D, K] learned. Columns are normalised in the edit, so only their
/// directions matter; they start orthonormal (Gram-Schmidt of a Gaussian matrix).
public final class LinearEditor: LatentEditor {
    public let latentDim: Int
    public let directions: Int
    /// A [D, K], state_dict name `A`.
    public let matrix: Tensor
    public var isTraining = true

    public var architecture: [String: String] {
        ["type": "linear", "latent_dim": String(latentDim), "directions": String(directions)]
    }

    public init(latentDim d: Int, directions k: Int, rng: inout RNG) {
        latentDim = d
        directions = k
        let columns = randomOrthonormalColumns(rows: d, columns: k, rng: &rng)
        matrix = Tensor(columns, shape: [d, k], requiresGrad: true)
    }

    public var localParameters: [(String, Tensor)] { [("A", matrix)] }

    /// Rows a_{k_b} / |a_{k_b}| [B, D].
    func unitDirections(_ k: [Int]) -> Tensor {
        let a = matrix.transpose(0, 1).indexSelect(rows: k)           // [B, D]
        return a / a.norm(axes: [1], keepDims: true)
    }

    public func edit(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> Tensor {
        checkEdit(z, k, t, "LinearEditor.edit")
        return z + amountColumn(t) * unitDirections(k)
    }
}

/// A [rows, columns] matrix (row-major) whose columns are orthonormal when
/// columns <= rows: Gram-Schmidt (twice, for round-off) on Gaussian columns in
/// Double. Columns beyond `rows` cannot be orthogonal and are unit Gaussian vectors.
func randomOrthonormalColumns(rows d: Int, columns k: Int, rng: inout RNG) -> [Float] {
    var basis: [[Double]] = []
    for j in 0..<k {
        var v = (0..<d).map { _ in Double(rng.normal()) }
        if j < d {
            for _ in 0..<2 {
                for u in basis {
                    let dot = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
                    for i in 0..<d { v[i] -= dot * u[i] }
                }
            }
        }
        let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        basis.append(v.map { $0 / max(n, 1e-300) })
    }
    var out = [Float](repeating: 0, count: d * k)
    for j in 0..<k { for i in 0..<d { out[i * k + j] = Float(basis[j][i]) } }
    return out
}
