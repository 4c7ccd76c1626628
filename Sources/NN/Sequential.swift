import Tensor

/// Layers applied in order; children are named "0", "1", ... like PyTorch's nn.Sequential,
/// so parameter-free layers (activations, views) still take an index.
public final class Sequential: Layer {
    public var layers: [any Layer]
    public var isTraining = true

    public init(_ layers: [any Layer]) { self.layers = layers }

    public var children: [(String, any Module)] {
        layers.enumerated().map { ("\($0.offset)", $0.element as any Module) }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        layers.reduce(x) { $1($0) }
    }
}
