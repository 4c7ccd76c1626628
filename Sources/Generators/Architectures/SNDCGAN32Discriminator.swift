import NN
import Tensor

/// The `sn_dcgan32` discriminator (DESIGN.md section 9): image [B, C, 32, 32] -> score [B, 1],
/// every weight spectrally normalised (Miyato et al. 2018).
///
/// Layout and PyTorch state_dict names (torch.nn.utils.spectral_norm inside an
/// nn.Sequential, as reference/architectures.py):
///
///     main.0  SN Conv2d(C -> c, k4 s2 p1)    main.0.weight_orig [c, C, 4, 4], .bias, .weight_u [c], .weight_v [C*16]  -> 16x16
///     main.1  LeakyReLU(0.1)
///     main.2  SN Conv2d(c -> 2c, k4 s2 p1)   main.2.weight_orig, .bias, .weight_u, .weight_v                         -> 8x8
///     main.3  LeakyReLU(0.1)
///     main.4  SN Conv2d(2c -> 4c, k4 s2 p1)  main.4.*                                                                -> 4x4
///     main.5  LeakyReLU(0.1)
///     main.6  Flatten
///     main.7  SN Linear(4c*4*4 -> 1)          main.7.weight_orig [1, 4c*16], .bias, .weight_u [1], .weight_v [4c*16]
public final class SNDCGAN32Discriminator: Layer {
    public let width: Int
    public let channels: Int
    public let main: Sequential
    public var isTraining = true

    public init(width c: Int = 64, channels: Int = 3, rng: inout RNG) {
        width = c
        self.channels = channels
        func conv(_ i: Int, _ o: Int, _ rng: inout RNG) -> SpectralNorm<Conv2d> {
            SpectralNorm(Conv2d(i, o, kernelSize: 4, stride: 2, padding: 1, rng: &rng), rng: &rng)
        }
        main = Sequential([
            conv(channels, c, &rng), Activation.leakyReLU(0.1),
            conv(c, 2 * c, &rng), Activation.leakyReLU(0.1),
            conv(2 * c, 4 * c, &rng), Activation.leakyReLU(0.1),
            Flatten(),
            SpectralNorm(Linear(4 * c * 4 * 4, 1, rng: &rng), rng: &rng),
        ])
    }

    public var children: [(String, any Module)] { [("main", main)] }

    public func callAsFunction(_ x: Tensor) -> Tensor { main(x) }
}
