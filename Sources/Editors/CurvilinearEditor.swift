import NN
import Tensor

/// Curvilinear editing (Aoshima & Matsubara, CVPR 2023; ours with coupling
/// layers instead of the reference's continuous flow, DESIGN.md section 3):
///
///     phi_k^t(z) = f^{-1}(f(z) + t e_k),   k < K <= D,
///
/// f = c_L o ... o c_1, each c_l an `AffineCoupling` with its own fixed random
/// permutation. Edits of different directions commute exactly, because
/// translations along the axes e_k of V = f(R^D) commute. Training adds
/// alpha * mean((log|det df/dz|)^2), which keeps f volume-preserving.
public final class CurvilinearEditor: LatentEditor {
    public let latentDim: Int
    public let directions: Int
    public let layers: [AffineCoupling]
    /// Width h of the coupling MLPs.
    public let hidden: Int
    public var isTraining = true

    public var architecture: [String: String] {
        ["type": "curvilinear", "latent_dim": String(latentDim), "directions": String(directions), "layers": String(layers.count), "hidden": String(hidden)]
    }

    public init(latentDim d: Int, directions k: Int, layers l: Int, hidden h: Int, rng: inout RNG) {
        precondition(k <= d, "CurvilinearEditor: \(k) directions need K <= D = \(d) axes of V")
        latentDim = d
        directions = k
        hidden = h
        var made: [AffineCoupling] = []
        for _ in 0..<l {
            let permutation = rng.permutation(d)
            made.append(AffineCoupling(latentDim: d, hidden: h, permutation: permutation, rng: &rng))
        }
        layers = made
    }

    public var children: [(String, any Module)] {
        layers.enumerated().map { ("layers.\($0.offset)", $0.element as any Module) }
    }

    /// v = f(z) [B, D] and log|det df/dz| [B].
    public func flow(_ z: Tensor) -> (v: Tensor, logDeterminant: Tensor) {
        var v = z
        var logDet: Tensor?
        for layer in layers {
            let (y, ld) = layer.forward(v)
            v = y
            logDet = logDet.map { $0 + ld } ?? ld
        }
        return (v, logDet ?? Tensor.zeros([z.shape[0]]))
    }

    /// z = f^{-1}(v).
    public func inverseFlow(_ v: Tensor) -> Tensor {
        layers.reversed().reduce(v) { $1.inverse($0) }
    }

    /// t_b e_{k_b} as [B, D].
    func axisShifts(_ k: [Int], _ t: [Float]) -> Tensor {
        var values = [Float](repeating: 0, count: k.count * latentDim)
        for (b, (kb, tb)) in zip(k, t).enumerated() { values[b * latentDim + kb] = tb }
        return Tensor(values, shape: [k.count, latentDim])
    }

    public func trainingEdit(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> EditStep {
        checkEdit(z, k, t, "CurvilinearEditor.edit")
        let (v, logDet) = flow(z)
        return EditStep(edited: inverseFlow(v + axisShifts(k, t)), logDeterminant: logDet)
    }

    public func edit(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> Tensor {
        trainingEdit(z, directions: k, amounts: t).edited
    }
}
