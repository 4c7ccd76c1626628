import Tensor

/// Differentiable augmentation (Zhao et al. 2020, "Differentiable Augmentation for
/// Data-Efficient GAN Training"). The discriminator scores T(x) instead of x, for real and
/// generated images alike, with T drawn anew for every batch; the generator's gradient
/// flows back through T. Since both sides are augmented the same way, the generator is
/// still pushed towards the real distribution, while the discriminator can no longer
/// win by memorising the exact real images. The three families, in the order applied:
public enum Augmentation: String, Codable, Sendable, CaseIterable, Comparable {
    /// Per image: brightness x + b, b ~ U(-0.5, 0.5); saturation (x - mean_c) s + mean_c,
    /// s ~ U(0, 2), mean over channels at each pixel (a no-op on one channel); contrast
    /// (x - mean) k + mean, k ~ U(0.5, 1.5), mean over the whole image.
    case color
    /// Per image: a whole-pixel shift of up to side/8 (rounded) in each direction, zero-filled.
    case translation
    /// Per image: a square of half the side (rounded) set to 0, its centre uniform over
    /// 0...side in each direction (clipped at the frame).
    case cutout

    public static func < (a: Augmentation, b: Augmentation) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The random draws of one augmented batch, so that T is a pure function of them
/// (tests feed the same draws to the PyTorch reference).
public struct AugmentationDraws: Sendable {
    public var brightness: [Float] = []
    public var saturation: [Float] = []
    public var contrast: [Float] = []
    public var shifts: [(dy: Int, dx: Int)] = []
    public var cutoutCentres: [(y: Int, x: Int)] = []

    public init() {}

    /// Draws for a batch of n images of side h x w, consuming `rng` in a fixed order:
    /// every family in `policy` order, each its values image by image.
    public init(policy: [Augmentation], count n: Int, height h: Int, width w: Int, rng: inout RNG) {
        for family in policy.sorted() {
            switch family {
            case .color:
                brightness = (0..<n).map { _ in rng.uniform(-0.5, 0.5) }
                saturation = (0..<n).map { _ in rng.uniform(0, 2) }
                contrast = (0..<n).map { _ in rng.uniform(0.5, 1.5) }
            case .translation:
                let ry = DiffAugment.maxShift(h), rx = DiffAugment.maxShift(w)
                shifts = (0..<n).map { _ in (dy: rng.int(in: -ry...ry), dx: rng.int(in: -rx...rx)) }
            case .cutout:
                cutoutCentres = (0..<n).map { _ in (y: rng.int(in: 0...h), x: rng.int(in: 0...w)) }
            }
        }
    }
}

/// T for a policy (a set of augmentation families; empty: the identity).
public struct DiffAugment: Sendable {
    public let policy: [Augmentation]

    public init(_ policy: [Augmentation]) { self.policy = Array(Set(policy)).sorted() }

    /// The largest translation along a side of length `side`: side / 8, rounded.
    static func maxShift(_ side: Int) -> Int { Int((Double(side) * 0.125).rounded()) }
    /// The cutout square's side: side / 2, rounded.
    static func cutoutSide(_ side: Int) -> Int { Int((Double(side) * 0.5).rounded()) }

    /// T(x) for fresh draws from `rng`.
    public func callAsFunction(_ x: Tensor, rng: inout RNG) -> Tensor {
        if policy.isEmpty { return x }
        let draws = AugmentationDraws(policy: policy, count: x.shape[0], height: x.shape[2], width: x.shape[3], rng: &rng)
        return apply(x, draws)
    }

    /// T(x) for given draws. x: [N, C, H, W].
    public func apply(_ x: Tensor, _ draws: AugmentationDraws) -> Tensor {
        let n = x.shape[0], h = x.shape[2], w = x.shape[3]
        func perImage(_ v: [Float]) -> Tensor { Tensor(v, shape: [n, 1, 1, 1]) }
        var y = x
        for family in policy {
            switch family {
            case .color:
                y = y + perImage(draws.brightness)
                let pixelMean = y.mean(axes: [1], keepDims: true)
                y = (y - pixelMean) * perImage(draws.saturation) + pixelMean
                let imageMean = y.mean(axes: [1, 2, 3], keepDims: true)
                y = (y - imageMean) * perImage(draws.contrast) + imageMean
            case .translation:
                y = y.translated(by: draws.shifts)
            case .cutout:
                y = y * Self.cutoutMask(draws.cutoutCentres, height: h, width: w)
            }
        }
        return y
    }

    /// [N, 1, H, W]: 0 inside image n's square (rows centre.y - side/2 ..< centre.y - side/2 + side
    /// for the cutout side of the height, columns likewise; clipped to the frame), 1 elsewhere.
    static func cutoutMask(_ centres: [(y: Int, x: Int)], height h: Int, width w: Int) -> Tensor {
        let sideY = cutoutSide(h), sideX = cutoutSide(w)
        var mask = [Float](repeating: 1, count: centres.count * h * w)
        for (n, c) in centres.enumerated() {
            for y in Swift.max(0, c.y - sideY / 2) ..< Swift.min(h, c.y - sideY / 2 + sideY) {
                for x in Swift.max(0, c.x - sideX / 2) ..< Swift.min(w, c.x - sideX / 2 + sideX) {
                    mask[n * h * w + y * w + x] = 0
                }
            }
        }
        return Tensor(mask, shape: [centres.count, 1, h, w])
    }
}
