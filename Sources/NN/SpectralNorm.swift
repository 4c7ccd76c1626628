import Tensor

/// Spectral normalisation (Miyato et al. 2018) of a layer's weight, as
/// torch.nn.utils.spectral_norm: W_sn = W / sigma, sigma = u^T W_mat v, where
/// W_mat is W reshaped to [out, rest] and u [out], v [rest] estimate its top
/// singular vectors.
///
/// Training forward: one power iteration, v <- normalize(W_mat^T u),
/// u <- normalize(W_mat v), normalize(x) = x / max(|x|, eps), eps = 1e-12; u and v
/// are persistent buffers. Evaluation: no iteration, the stored u and v are used.
/// Gradients flow through sigma into W (u and v are constants for autodiff), which
/// is exactly PyTorch's graph.
///
/// Names as PyTorch: `weight_orig` (the parameter), buffers `weight_u`, `weight_v`,
/// and the wrapped layer's `bias`.
public final class SpectralNorm<Wrapped: WeightedLayer>: Layer {
    public let layer: Wrapped
    public let u: Tensor
    public let v: Tensor
    public let eps: Float
    public var isTraining = true

    /// u and v start as normalised standard normal vectors (as PyTorch).
    public init(_ layer: Wrapped, eps: Float = 1e-12, rng: inout RNG) {
        // PyTorch normalises a transposed convolution around its dimension 1 (output channels);
        // this reshapes around dimension 0 only, right for Linear and Conv2d.
        precondition(!(layer is ConvTranspose2d), "SpectralNorm: a ConvTranspose2d needs dim = 1, which is not implemented")
        self.layer = layer
        self.eps = eps
        let rows = layer.weight.shape[0]
        let columns = layer.weight.count / Swift.max(rows, 1)
        u = Tensor.randn([rows], rng: &rng)
        v = Tensor.randn([columns], rng: &rng)
        SpectralNorm.normalize(u, eps: eps)
        SpectralNorm.normalize(v, eps: eps)
    }

    public var localParameters: [(String, Tensor)] {
        [("weight_orig", layer.weight)] + (layer.bias.map { [("bias", $0)] } ?? [])
    }
    public var localBuffers: [(String, Tensor)] { [("weight_u", u), ("weight_v", v)] }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        layer.forward(x, weight: normalizedWeight())
    }

    /// W / sigma, running one power iteration first when training.
    public func normalizedWeight() -> Tensor {
        let weight = layer.weight
        let rows = u.count, columns = v.count
        let matrix = weight.reshape([rows, columns])
        if isTraining {
            Tensor.withoutGradients {
                let wv = matmul(u.reshape([1, rows]), matrix.detach())            // (W^T u)^T [1, rest]
                copyValues(of: wv, into: v)
                SpectralNorm.normalize(v, eps: eps)
                let wu = matmul(matrix.detach(), v.reshape([columns, 1]))         // W v [out, 1]
                copyValues(of: wu, into: u)
                SpectralNorm.normalize(u, eps: eps)
            }
        }
        // Copies: the graph must keep this call's u, v even if a later forward updates the buffers.
        let sigma = matmul(matmul(u.copy().reshape([1, rows]), matrix), v.copy().reshape([columns, 1]))
        return weight / sigma.reshape([Int](repeating: 1, count: weight.rank))
    }

    /// x <- x / max(|x|, eps), in place.
    static func normalize(_ x: Tensor, eps: Float) {
        x.withUnsafeMutableBufferPointer { p in
            guard let base = p.baseAddress else { return }
            var squares: Float = 0
            for i in 0..<p.count { squares += base[i] * base[i] }
            let scale = 1 / Swift.max(squares.squareRoot(), eps)
            for i in 0..<p.count { base[i] *= scale }
        }
    }
}

/// Copies the values of `source` into `target` (same count), outside the graph.
func copyValues(of source: Tensor, into target: Tensor) {
    precondition(source.count == target.count, "copyValues: \(source.count) values into \(target.count)")
    source.withUnsafeBufferPointer { s in
        target.withUnsafeMutableBufferPointer { t in
            guard let sb = s.baseAddress, let tb = t.baseAddress else { return }
            tb.update(from: sb, count: s.count)
        }
    }
}
