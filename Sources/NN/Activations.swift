import Tensor

/// A parameter-free elementwise layer (PyTorch's nn.ReLU, nn.LeakyReLU, ...).
public final class Activation: Layer {
    public let name: String
    private let function: @Sendable (Tensor) -> Tensor
    public var isTraining = true

    public init(_ name: String, _ function: @escaping @Sendable (Tensor) -> Tensor) {
        self.name = name
        self.function = function
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { function(x) }

    public static func relu() -> Activation { Activation("relu") { $0.relu() } }
    /// max(x, slope x); PyTorch's default slope is 0.01.
    public static func leakyReLU(_ slope: Float = 0.01) -> Activation {
        Activation("leaky_relu(\(slope))") { $0.leakyRelu(slope) }
    }
    public static func tanh() -> Activation { Activation("tanh") { $0.tanh() } }
    public static func sigmoid() -> Activation { Activation("sigmoid") { $0.sigmoid() } }
    /// x for x > 0, alpha (e^x - 1) otherwise.
    public static func elu(_ alpha: Float = 1) -> Activation { Activation("elu(\(alpha))") { $0.elu(alpha) } }
    /// log(1 + e^x).
    public static func softplus() -> Activation { Activation("softplus") { $0.softplus() } }
}

/// [N, d1, d2, ...] -> [N, d1 d2 ...] (PyTorch's nn.Flatten).
public final class Flatten: Layer {
    public var isTraining = true
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.flatten(from: 1) }
}

/// [N, ...] -> [N, shape...] keeping the batch axis (PyTorch's nn.Unflatten(1, shape) / view).
public final class Unflatten: Layer {
    public let shape: [Int]
    public var isTraining = true
    public init(_ shape: [Int]) { self.shape = shape }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.reshape([x.shape[0]] + shape) }
}

/// `x.view(N, shape...)` in PyTorch terms.
public typealias View = Unflatten

/// Max over k x k windows with stride k (PyTorch's nn.MaxPool2d(k); a ragged edge is dropped).
public final class MaxPool2d: Layer {
    public let kernelSize: Int
    public var isTraining = true
    public init(_ kernelSize: Int) { self.kernelSize = kernelSize }
    public func callAsFunction(_ x: Tensor) -> Tensor { maxPool2d(x, kernel: kernelSize, stride: kernelSize) }
}
