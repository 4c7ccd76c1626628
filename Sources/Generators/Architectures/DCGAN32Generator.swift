import NN
import Tensor

/// The `dcgan32` generator (DESIGN.md section 9): z [B, d] -> image [B, C, 32, 32] in [-1, 1].
///
/// Layout and PyTorch state_dict names (reference/architectures.py builds the same
/// nn.Sequential, so checkpoints load both ways):
///
///     main.0   Linear(d -> 4c*4*4)                  main.0.weight [4c*16, d], main.0.bias
///     main.1   view [B, 4c, 4, 4]
///     main.2   BatchNorm2d(4c)                      main.2.weight, .bias, .running_mean, .running_var
///     main.3   ReLU
///     main.4   ConvTranspose2d(4c -> 2c, k4 s2 p1)  main.4.weight [4c, 2c, 4, 4], main.4.bias   -> 8x8
///     main.5   BatchNorm2d(2c);  main.6 ReLU
///     main.7   ConvTranspose2d(2c -> c, k4 s2 p1)   main.7.weight [2c, c, 4, 4], main.7.bias    -> 16x16
///     main.8   BatchNorm2d(c);   main.9 ReLU
///     main.10  ConvTranspose2d(c -> C, k4 s2 p1)    main.10.weight [c, C, 4, 4], main.10.bias   -> 32x32
///     main.11  Tanh
public final class DCGAN32Generator: Layer {
    public let latentDim: Int
    public let width: Int
    public let channels: Int
    public let main: Sequential
    public var isTraining = true

    public init(latentDim d: Int = 128, width c: Int = 64, channels: Int = 3, rng: inout RNG) {
        latentDim = d
        width = c
        self.channels = channels
        main = Sequential([
            Linear(d, 4 * c * 4 * 4, rng: &rng),
            Unflatten([4 * c, 4, 4]),
            BatchNorm(4 * c), Activation.relu(),
            ConvTranspose2d(4 * c, 2 * c, kernelSize: 4, stride: 2, padding: 1, rng: &rng),
            BatchNorm(2 * c), Activation.relu(),
            ConvTranspose2d(2 * c, c, kernelSize: 4, stride: 2, padding: 1, rng: &rng),
            BatchNorm(c), Activation.relu(),
            ConvTranspose2d(c, channels, kernelSize: 4, stride: 2, padding: 1, rng: &rng),
            Activation.tanh(),
        ])
    }

    public var children: [(String, any Module)] { [("main", main)] }

    public func callAsFunction(_ z: Tensor) -> Tensor { main(z) }

    /// The activations of the first block, ReLU(BN(W z + b)) [B, 4c, 4, 4] (main.0-main.3):
    /// the layer GANSpace takes its principal components in. Not W z + b itself: its PCA is
    /// that of W W^T, whose components carried back to z are the eigenvectors of W^T W,
    /// i.e. SeFa's directions, so GANSpace would only repeat SeFa with sampling noise.
    public func firstBlock(_ z: Tensor) -> Tensor {
        main.layers.prefix(4).reduce(z) { x, layer in layer(x) }
    }
}
