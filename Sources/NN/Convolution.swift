import Tensor

/// y [N, Cout, Ho, Wo] = conv(x [N, Cin, H, W], W [Cout, Cin, k, k]) + b,
/// Ho = (H + 2p - k) / s + 1 (PyTorch's nn.Conv2d, square kernels, no dilation or groups).
public final class Conv2d: WeightedLayer {
    public let weight: Tensor
    public let bias: Tensor?
    public let stride: Int
    public let padding: Int
    public var isTraining = true

    /// PyTorch's default initialisation with fan_in = Cin k k.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                bias: Bool = true, rng: inout RNG) {
        let fanIn = inChannels * kernelSize * kernelSize
        weight = uniformInit([outChannels, inChannels, kernelSize, kernelSize], fanIn: fanIn, rng: &rng)
        self.bias = bias ? uniformInit([outChannels], fanIn: fanIn, rng: &rng) : nil
        self.stride = stride
        self.padding = padding
    }

    public func forward(_ x: Tensor, weight: Tensor) -> Tensor {
        conv2d(x, weight, bias: bias, stride: stride, padding: padding)
    }
}

/// y [N, Cout, Ho, Wo] = convT(x [N, Cin, H, W], W [Cin, Cout, k, k]) + b,
/// Ho = (H - 1) s - 2p + k (PyTorch's nn.ConvTranspose2d; k4 s2 p1 doubles H and W).
public final class ConvTranspose2d: WeightedLayer {
    public let weight: Tensor
    public let bias: Tensor?
    public let stride: Int
    public let padding: Int
    public var isTraining = true

    /// PyTorch's default initialisation; its fan_in for a transposed weight [Cin, Cout, k, k]
    /// is computed from dimension 1, i.e. Cout k k.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                bias: Bool = true, rng: inout RNG) {
        let fanIn = outChannels * kernelSize * kernelSize
        weight = uniformInit([inChannels, outChannels, kernelSize, kernelSize], fanIn: fanIn, rng: &rng)
        self.bias = bias ? uniformInit([outChannels], fanIn: fanIn, rng: &rng) : nil
        self.stride = stride
        self.padding = padding
    }

    public func forward(_ x: Tensor, weight: Tensor) -> Tensor {
        convTranspose2d(x, weight, bias: bias, stride: stride, padding: padding)
    }
}
