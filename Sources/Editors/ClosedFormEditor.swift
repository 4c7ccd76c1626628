import NN
import Tensor

/// A closed-form baseline (SeFa, GANSpace): phi_k^t(z) = z + t u_k with fixed
/// unit directions u_k found without training. Nothing is learned; the
/// directions are a buffer `U` [D, K] (column k is u_k), with their `scores`, so the editor saves
/// and loads like the others. `method` names how they were found.
public final class ClosedFormEditor: LatentEditor {
    public let latentDim: Int
    public let directions: Int
    public let method: String
    /// U [D, K].
    public let basis: Tensor
    /// Per-direction score (eigenvalue or explained variance), largest first; buffer `scores` [K].
    public let scoreValues: Tensor
    public var scores: [Double] { scoreValues.scalars.map { Double($0) } }
    public var isTraining = true

    public var architecture: [String: String] {
        ["type": "closed_form", "latent_dim": String(latentDim), "directions": String(directions), "method": method]
    }

    /// `vectors[k]` is u_k (length D); they are normalised here.
    public init(method: String, vectors: [[Double]], scores: [Double], latentDim d: Int) {
        latentDim = d
        directions = vectors.count
        self.method = method
        scoreValues = Tensor(scores.map { Float($0) }, shape: [scores.count])
        var values = [Float](repeating: 0, count: d * vectors.count)
        for (k, u) in vectors.enumerated() {
            let n = max(u.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-300)
            for i in 0..<d { values[i * vectors.count + k] = Float(u[i] / n) }
        }
        basis = Tensor(values, shape: [d, vectors.count])
    }

    public var localBuffers: [(String, Tensor)] { [("U", basis), ("scores", scoreValues)] }

    public func edit(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> Tensor {
        checkEdit(z, k, t, "ClosedFormEditor.edit")
        return z + amountColumn(t) * basis.transpose(0, 1).indexSelect(rows: k)
    }
}
