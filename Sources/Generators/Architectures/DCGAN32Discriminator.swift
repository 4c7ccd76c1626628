import NN
import Tensor

/// `sn_dcgan32` without spectral normalisation (the ablation of the GAN recipe search,
/// models/README.md): image [B, C, 32, 32] -> score [B, 1].
///
///     main.0  Conv2d(C -> c, k4 s2 p1)    main.0.weight, .bias   -> 16x16
///     main.1  LeakyReLU(0.1)
///     main.2  Conv2d(c -> 2c, k4 s2 p1)                          -> 8x8
///     main.3  LeakyReLU(0.1)
///     main.4  Conv2d(2c -> 4c, k4 s2 p1)                         -> 4x4
///     main.5  LeakyReLU(0.1)
///     main.6  Flatten
///     main.7  Linear(4c*4*4 -> 1)
public final class DCGAN32Discriminator: Layer {
    public let width: Int
    public let channels: Int
    public let main: Sequential
    public var isTraining = true

    public init(width c: Int = 64, channels: Int = 3, rng: inout RNG) {
        width = c
        self.channels = channels
        main = Sequential([
            Conv2d(channels, c, kernelSize: 4, stride: 2, padding: 1, rng: &rng), Activation.leakyReLU(0.1),
            Conv2d(c, 2 * c, kernelSize: 4, stride: 2, padding: 1, rng: &rng), Activation.leakyReLU(0.1),
            Conv2d(2 * c, 4 * c, kernelSize: 4, stride: 2, padding: 1, rng: &rng), Activation.leakyReLU(0.1),
            Flatten(),
            Linear(4 * c * 4 * 4, 1, rng: &rng),
        ])
    }

    public var children: [(String, any Module)] { [("main", main)] }

    public func callAsFunction(_ x: Tensor) -> Tensor { main(x) }
}
