import Tensor

/// Batch normalisation over the channel axis C of [N, C] (1d) or [N, C, H, W] (2d):
/// y = (x - mean) / sqrt(var + eps) * weight + bias.
/// Training: batch mean and biased batch variance normalise; running stats move by
/// momentum 0.1 towards the batch mean and the *unbiased* batch variance (as PyTorch).
/// Evaluation: the running stats normalise.
public final class BatchNorm: Layer {
    public let weight: Tensor
    public let bias: Tensor
    public let runningMean: Tensor
    public let runningVar: Tensor
    public let momentum: Float
    public let eps: Float
    public var isTraining = true

    /// weight 1, bias 0, running mean 0, running variance 1 (PyTorch's defaults).
    public init(_ channels: Int, momentum: Float = 0.1, eps: Float = 1e-5) {
        weight = Tensor.ones([channels], requiresGrad: true)
        bias = Tensor.zeros([channels], requiresGrad: true)
        runningMean = Tensor.zeros([channels])
        runningVar = Tensor.ones([channels])
        self.momentum = momentum
        self.eps = eps
    }

    public var localParameters: [(String, Tensor)] { [("weight", weight), ("bias", bias)] }
    public var localBuffers: [(String, Tensor)] { [("running_mean", runningMean), ("running_var", runningVar)] }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        batchNorm(x, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
                  training: isTraining, momentum: momentum, eps: eps)
    }
}

/// PyTorch's names for the two uses of the one layer.
public typealias BatchNorm1d = BatchNorm
public typealias BatchNorm2d = BatchNorm
