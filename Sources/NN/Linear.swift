import Tensor

/// A layer whose weight can be replaced at call time (what spectral normalisation needs).
public protocol WeightedLayer: Layer {
    var weight: Tensor { get }
    var bias: Tensor? { get }
    /// The forward pass with `weight` in place of the stored one.
    func forward(_ x: Tensor, weight: Tensor) -> Tensor
}

extension WeightedLayer {
    public func callAsFunction(_ x: Tensor) -> Tensor { forward(x, weight: weight) }

    public var localParameters: [(String, Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}

/// y [N, out] = x [N, in] W^T + b, W [out, in] (PyTorch's nn.Linear).
public final class Linear: WeightedLayer {
    public let weight: Tensor
    public let bias: Tensor?
    public var isTraining = true

    /// PyTorch's default initialisation: U(-1/sqrt(in), 1/sqrt(in)) for W and b.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, rng: inout RNG) {
        weight = uniformInit([outFeatures, inFeatures], fanIn: inFeatures, rng: &rng)
        self.bias = bias ? uniformInit([outFeatures], fanIn: inFeatures, rng: &rng) : nil
    }

    public func forward(_ x: Tensor, weight: Tensor) -> Tensor { linear(x, weight, bias) }
}
