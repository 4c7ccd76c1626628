import Foundation
import NN
import Tensor

/// WarpedGANSpace (Tzelepis et al., ICCV 2021): direction k follows the unit
/// gradient of the RBF warping function
///
///     f_k(z) = sum_i alpha_i exp(-gamma_k |z - v_ki|^2),
///     grad f_k(z) = -2 gamma_k sum_i alpha_i exp(-gamma_k |z - v_ki|^2) (z - v_ki),
///
/// over K support sets of N dipoles: 2N support vectors v_ki, pairs (v, -v)
/// with alphas (+1, -1), set k at radius r_k. r_k grows evenly over
/// [0.8, 0.9) of the expected latent norm sqrt(D) (as the authors' code does);
/// log gamma_k is learned and starts at log(1 / D).
///
/// The gradient is written with tensor ops, so autodiff differentiates the
/// edit in z, v and log gamma (the engine has no higher-order gradients).
/// Training takes one Euler step of size t; `traverse` integrates the flow
/// dz/dtau = sign(t) grad f_k / |grad f_k| with classical RK4 in steps of at
/// most `maxTraversalStep` (0.2); negative t follows the negative gradient,
/// so phi_k^{-t} undoes phi_k^t up to the integration error.
public final class WarpedEditor: LatentEditor {
    public let latentDim: Int
    public let directions: Int
    public let dipoles: Int
    /// v [K, 2N, D], state_dict name `support`.
    public let support: Tensor
    /// log gamma [K], state_dict name `log_gamma`.
    public let logGamma: Tensor
    /// alpha [2N] = (+1, -1, +1, -1, ...), a buffer.
    public let alphas: Tensor
    public var isTraining = true

    public var architecture: [String: String] {
        ["type": "warped", "latent_dim": String(latentDim), "directions": String(directions), "dipoles": String(dipoles)]
    }
    public static let maxTraversalStep: Float = 0.2

    public init(latentDim d: Int, directions k: Int, dipoles n: Int, rng: inout RNG) {
        latentDim = d
        directions = k
        dipoles = n
        let expectedNorm = Double(d).squareRoot()
        let rMin = 0.8 * expectedNorm, rMax = 0.9 * expectedNorm
        var values = [Float](repeating: 0, count: k * 2 * n * d)
        for set in 0..<k {
            let radius = rMin + (rMax - rMin) * Double(set) / Double(k)
            for pair in 0..<n {
                let v = (0..<d).map { _ in Double(rng.normal()) }
                let norm = max(v.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-300)
                let base = (set * 2 * n + 2 * pair) * d
                for i in 0..<d {
                    values[base + i] = Float(radius * v[i] / norm)
                    values[base + d + i] = -Float(radius * v[i] / norm)
                }
            }
        }
        support = Tensor(values, shape: [k, 2 * n, d], requiresGrad: true)
        logGamma = Tensor.full([k], Float(Foundation.log(1 / Double(d))), requiresGrad: true)
        alphas = Tensor((0..<(2 * n)).map { $0 % 2 == 0 ? 1 : -1 }, shape: [2 * n])
    }

    public var localParameters: [(String, Tensor)] { [("support", support), ("log_gamma", logGamma)] }
    public var localBuffers: [(String, Tensor)] { [("alphas", alphas)] }

    /// grad f_{k_b}(z_b) / |grad f_{k_b}(z_b)| [B, D].
    public func unitGradient(_ z: Tensor, directions k: [Int]) -> Tensor {
        let b = z.shape[0], m = 2 * dipoles
        let v = support.indexSelect(rows: k)                          // [B, 2N, D]
        let gamma = logGamma.indexSelect(rows: k).exp().reshape([b, 1])   // [B, 1]
        let diff = z.unsqueeze(1) - v                                 // [B, 2N, D]
        let sq = diff.square().sum(axes: [2])                         // [B, 2N]
        let w = alphas * (-(gamma * sq)).exp()                        // [B, 2N]
        // sum_i w_i (z - v_i) as a batched [1, 2N] x [2N, D] product.
        let weighted = matmul(w.reshape([b, 1, m]), diff).reshape([b, latentDim])   // [B, D]
        let grad = gamma * weighted * -2
        return grad / (grad.square().sum(axes: [1], keepDims: true) + 1e-30).sqrt()
    }

    /// One Euler step: z + t grad f_k / |grad f_k|.
    public func edit(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> Tensor {
        checkEdit(z, k, t, "WarpedEditor.edit")
        return z + amountColumn(t) * unitGradient(z, directions: k)
    }

    /// RK4 on dz/dtau = grad f_k / |grad f_k| from tau = 0 to t (per row),
    /// n = ceil(max |t| / 0.2) steps of t / n each.
    public func traverse(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> Tensor {
        checkEdit(z, k, t, "WarpedEditor.traverse")
        let longest = t.map { Swift.abs($0) }.max() ?? 0
        let n = max(1, Int((longest / WarpedEditor.maxTraversalStep).rounded(.up)))
        let h = amountColumn(t.map { $0 / Float(n) })
        var x = z
        for _ in 0..<n {
            let k1 = unitGradient(x, directions: k)
            let k2 = unitGradient(x + h * k1 * 0.5, directions: k)
            let k3 = unitGradient(x + h * k2 * 0.5, directions: k)
            let k4 = unitGradient(x + h * k3, directions: k)
            x = x + h * (k1 + k2 * 2 + k3 * 2 + k4) * (1 / 6)
        }
        return x
    }
}
