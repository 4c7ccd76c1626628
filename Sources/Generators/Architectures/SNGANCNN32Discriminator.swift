import NN
import Tensor

/// The "standard CNN" discriminator of SNGAN (Miyato et al. 2018, table 3, the CIFAR-10
/// net) at 32x32, with a minibatch-stddev map before its last layer: image [B, C, 32, 32]
/// -> score [B, 1], every weight spectrally normalised.
///
/// Why beside `sn_dcgan32`: sn_dcgan32's first layer already halves the resolution
/// (k4 s2), so a square's corner and an ellipse's rim meet the discriminator only through
/// 16x16 features. This net looks at the full 32x32 image with a stride-1 3x3 conv first
/// and adds a stride-1 3x3 conv at each resolution: about six times the discriminator's
/// work at the same width (models/README.md, trials X1-X4).
///
///     main.0   SN Conv2d(C -> c, k3 s1 p1)     -> 32x32     main.1  LeakyReLU(0.1)
///     main.2   SN Conv2d(c -> c, k4 s2 p1)     -> 16x16     main.3  LeakyReLU(0.1)
///     main.4   SN Conv2d(c -> 2c, k3 s1 p1)                 main.5  LeakyReLU(0.1)
///     main.6   SN Conv2d(2c -> 2c, k4 s2 p1)   -> 8x8       main.7  LeakyReLU(0.1)
///     main.8   SN Conv2d(2c -> 4c, k3 s1 p1)                main.9  LeakyReLU(0.1)
///     main.10  SN Conv2d(4c -> 4c, k4 s2 p1)   -> 4x4       main.11 LeakyReLU(0.1)
///     main.12  SN Conv2d(4c -> 8c, k3 s1 p1)                main.13 LeakyReLU(0.1)
///     main.14  MinibatchStdDev (F maps)        -> [B, 8c + F, 4, 4]
///     main.15  Flatten
///     main.16  SN Linear((8c+F)*16 -> 1)
/// Parameter names follow torch.nn.utils.spectral_norm inside an nn.Sequential
/// (main.N.weight_orig, .bias, .weight_u, .weight_v), as reference/architectures.py.
public final class SNGANCNN32Discriminator: Layer {
    public let width: Int
    public let channels: Int
    public let main: Sequential
    public var isTraining = true

    public init(width c: Int = 32, channels: Int = 3, minibatchStd: MinibatchStdDev = MinibatchStdDev(), rng: inout RNG) {
        width = c
        self.channels = channels
        // (in, out, kernel, stride): a stride-1 3x3 look at each resolution, a k4 s2 halving between.
        let convs = [(channels, c, 3, 1), (c, c, 4, 2), (c, 2 * c, 3, 1), (2 * c, 2 * c, 4, 2),
                     (2 * c, 4 * c, 3, 1), (4 * c, 4 * c, 4, 2), (4 * c, 8 * c, 3, 1)]
        var layers: [any Layer] = []
        for (i, o, k, s) in convs {
            layers += [SpectralNorm(Conv2d(i, o, kernelSize: k, stride: s, padding: 1, rng: &rng), rng: &rng),
                       Activation.leakyReLU(0.1)]
        }
        layers += [minibatchStd, Flatten(),
                   SpectralNorm(Linear((8 * c + minibatchStd.features) * 16, 1, rng: &rng), rng: &rng)]
        main = Sequential(layers)
    }

    public var children: [(String, any Module)] { [("main", main)] }

    public func callAsFunction(_ x: Tensor) -> Tensor { main(x) }
}
