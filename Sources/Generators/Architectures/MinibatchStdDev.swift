import NN
import Tensor

/// Minibatch standard deviation (Karras et al. 2018, ProGAN; grouped as in StyleGAN):
/// appends `features` feature maps that tell the discriminator how varied the batch is, so
/// a collapsed generator (every z giving the same image) is easy to reject.
///
/// The batch splits into groups of `groupSize` images (nil: one group, the whole batch;
/// image n = i * M + j is member i of group j, M = N / groupSize), the channels into
/// `features` equal groups; map k of image n holds, for n's group,
///     s_k = mean over (c in channel group k, h, w) of sqrt(var over the group's images of x[., c, h, w] + 1e-8).
/// Small groups give every image its own statistic; several channel groups let a collapse in
/// a few features (a hue, say) show instead of being averaged away.
/// [N, C, H, W] -> [N, C + features, H, W]. Real and generated images must then go through
/// the discriminator in separate batches.
public final class MinibatchStdDev: Layer {
    public var isTraining = true
    public let groupSize: Int?
    public let features: Int

    public init(groupSize: Int? = nil, features: Int = 1) {
        precondition((groupSize ?? 1) >= 1 && features >= 1, "MinibatchStdDev: group size and features must be at least 1")
        self.groupSize = groupSize
        self.features = features
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3], f = features
        let g = Swift.min(groupSize ?? n, n), m = n / g
        precondition(n % g == 0 && c % f == 0,
                     "MinibatchStdDev: batch \(n) must split into groups of \(g), channels \(c) into \(f) feature groups")
        let y = x.reshape([g, m, f, c / f, h, w])
        let centred = y - y.mean(axes: [0], keepDims: true)
        let std = (centred.square().mean(axes: [0], keepDims: true) + 1e-8).sqrt()     // [1, M, F, C/F, H, W]
        let s = std.mean(axes: [3, 4, 5], keepDims: true)                                 // [1, M, F, 1, 1, 1]
        let maps = s.reshape([1, m, f, 1, 1]).expand(to: [g, m, f, h, w]).reshape([n, f, h, w])
        return concat([x, maps], axis: 1)
    }
}

/// `sn_dcgan32` with a minibatch-stddev map before the last layer (the recipe we ship,
/// models/README.md): image [B, C, 32, 32] -> score [B, 1].
///
///     main.0..5  as sn_dcgan32 (SN Conv k4 s2 p1 + LeakyReLU 0.1, three times)   -> [B, 4c, 4, 4]
///     main.6     MinibatchStdDev (F maps, F = `minibatchStd.features`, default 1)   -> [B, 4c + F, 4, 4]
///     main.7     Flatten
///     main.8     SN Linear((4c+F)*16 -> 1)
/// With `spectralNorm: false` the same without spectral normalisation (names main.N.weight).
public final class MinibatchDiscriminator: Layer {
    public let width: Int
    public let channels: Int
    public let main: Sequential
    public var isTraining = true

    public init(width c: Int = 32, channels: Int = 3, spectralNorm: Bool = true,
                minibatchStd: MinibatchStdDev = MinibatchStdDev(), rng: inout RNG) {
        width = c
        self.channels = channels
        func conv(_ i: Int, _ o: Int, _ rng: inout RNG) -> any Layer {
            let layer = Conv2d(i, o, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
            return spectralNorm ? SpectralNorm(layer, rng: &rng) : layer
        }
        let linear = Linear((4 * c + minibatchStd.features) * 16, 1, rng: &rng)
        main = Sequential([
            conv(channels, c, &rng), Activation.leakyReLU(0.1),
            conv(c, 2 * c, &rng), Activation.leakyReLU(0.1),
            conv(2 * c, 4 * c, &rng), Activation.leakyReLU(0.1),
            minibatchStd,
            Flatten(),
            spectralNorm ? SpectralNorm(linear, rng: &rng) : linear,
        ])
    }

    public var children: [(String, any Module)] { [("main", main)] }

    public func callAsFunction(_ x: Tensor) -> Tensor { main(x) }
}
