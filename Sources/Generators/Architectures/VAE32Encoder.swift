import NN
import Tensor

/// The encoder of the dcgan32 VAE: the sn_dcgan32 discriminator's layout (without
/// spectral norm, with batch norm) ending in the posterior's mean and log-variance.
/// Image [B, C, 32, 32] -> (mu [B, d], logvar [B, d]).
///
///     main.0  Conv2d(C -> c, k4 s2 p1)    main.1 BatchNorm2d(c),  main.2 LeakyReLU(0.1)   -> 16x16
///     main.3  Conv2d(c -> 2c, k4 s2 p1)   main.4 BatchNorm2d(2c), main.5 LeakyReLU(0.1)   -> 8x8
///     main.6  Conv2d(2c -> 4c, k4 s2 p1)  main.7 BatchNorm2d(4c), main.8 LeakyReLU(0.1)   -> 4x4
///     main.9  Flatten
///     mu      Linear(4c*16 -> d)
///     logvar  Linear(4c*16 -> d)
public final class VAE32Encoder: Module {
    public let latentDim: Int
    public let width: Int
    public let channels: Int
    public let main: Sequential
    public let mu: Linear
    public let logvar: Linear
    public var isTraining = true

    public init(latentDim d: Int = 128, width c: Int = 32, channels: Int = 3, rng: inout RNG) {
        latentDim = d
        width = c
        self.channels = channels
        main = Sequential([
            Conv2d(channels, c, kernelSize: 4, stride: 2, padding: 1, rng: &rng), BatchNorm(c), Activation.leakyReLU(0.1),
            Conv2d(c, 2 * c, kernelSize: 4, stride: 2, padding: 1, rng: &rng), BatchNorm(2 * c), Activation.leakyReLU(0.1),
            Conv2d(2 * c, 4 * c, kernelSize: 4, stride: 2, padding: 1, rng: &rng), BatchNorm(4 * c), Activation.leakyReLU(0.1),
            Flatten(),
        ])
        mu = Linear(4 * c * 16, d, rng: &rng)
        logvar = Linear(4 * c * 16, d, rng: &rng)
    }

    public var children: [(String, any Module)] { [("main", main), ("mu", mu), ("logvar", logvar)] }

    public func callAsFunction(_ x: Tensor) -> (mu: Tensor, logvar: Tensor) {
        let h = main(x)
        return (mu(h), logvar(h))
    }
}
