import NN
import Tensor

/// Minibatch standard deviation (Karras et al. 2018, ProGAN): appends one feature map
/// holding the batch's mean standard deviation,
///     s = mean over (c, h, w) of sqrt(var over n of x[n, c, h, w] + 1e-8),
/// so the discriminator sees how varied a batch is and a collapsed generator (every z
/// giving the same image) is easy to reject. [N, C, H, W] -> [N, C + 1, H, W].
/// Real and generated images must then go through the discriminator in separate batches.
public final class MinibatchStdDev: Layer {
    public var isTraining = true
    public init() {}

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let n = x.shape[0], h = x.shape[2], w = x.shape[3]
        let centred = x - x.mean(axes: [0], keepDims: true)
        let std = (centred.square().mean(axes: [0], keepDims: true) + 1e-8).sqrt()     // [1, C, H, W]
        let s = std.mean(axes: [1, 2, 3], keepDims: true)                                 // [1, 1, 1, 1]
        return concat([x, s.expand(to: [n, 1, h, w])], axis: 1)
    }
}

/// `sn_dcgan32` with a minibatch-stddev map before the last layer (the recipe we ship,
/// models/README.md): image [B, C, 32, 32] -> score [B, 1].
///
///     main.0..5  as sn_dcgan32 (SN Conv k4 s2 p1 + LeakyReLU 0.1, three times)   -> [B, 4c, 4, 4]
///     main.6     MinibatchStdDev                                                  -> [B, 4c + 1, 4, 4]
///     main.7     Flatten
///     main.8     SN Linear((4c+1)*16 -> 1)
/// With `spectralNorm: false` the same without spectral normalisation (names main.N.weight).
public final class MinibatchDiscriminator: Layer {
    public let width: Int
    public let channels: Int
    public let main: Sequential
    public var isTraining = true

    public init(width c: Int = 32, channels: Int = 3, spectralNorm: Bool = true, rng: inout RNG) {
        width = c
        self.channels = channels
        func conv(_ i: Int, _ o: Int, _ rng: inout RNG) -> any Layer {
            let layer = Conv2d(i, o, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
            return spectralNorm ? SpectralNorm(layer, rng: &rng) : layer
        }
        let linear = Linear((4 * c + 1) * 16, 1, rng: &rng)
        main = Sequential([
            conv(channels, c, &rng), Activation.leakyReLU(0.1),
            conv(c, 2 * c, &rng), Activation.leakyReLU(0.1),
            conv(2 * c, 4 * c, &rng), Activation.leakyReLU(0.1),
            MinibatchStdDev(),
            Flatten(),
            spectralNorm ? SpectralNorm(linear, rng: &rng) : linear,
        ])
    }

    public var children: [(String, any Module)] { [("main", main)] }

    public func callAsFunction(_ x: Tensor) -> Tensor { main(x) }
}
