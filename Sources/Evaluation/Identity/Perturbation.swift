import Tensor

/// Shape-preserving perturbations an identity classifier is trained to ignore: a mild blur
/// and pixel noise, neither of which changes what a sprite or a digit is.
///
/// Why: the identity error counts edits whose predicted class changes, and the generator's
/// confidence figure counts samples the classifier is sure of. A classifier trained on clean
/// images only changes its answer under perturbations a person would not notice (the sprite
/// classifier trained that way was confident on 99.8% of held-out sprites but on 68.5% once
/// each was mixed with its 3x3 box mean, and under noise of std 0.1 it took most ellipses for
/// squares or triangles), so both figures measured pixel-perfectness as much as shape.
///
/// Each image x (pixels in [-1, 1]) becomes, per channel,
///
///     x' = clamp((1 - a) x + a box3(x) + sigma n, -1, 1),  n ~ N(0, 1) per pixel,
///
/// where box3 is the mean over the 3x3 neighbourhood (clipped at the border). In training
/// a ~ U[0, blur] and sigma ~ U[0, noise] per image; `atFullStrength` uses a = blur and
/// sigma = noise, the hardest case, to measure how robust a classifier is.
public struct Perturbation: Codable, Sendable, Equatable {
    /// Largest weight a of the 3x3 box mean (0: no blur, 1: the box mean itself).
    public var blur: Float
    /// Largest noise std sigma, in pixel units of [-1, 1].
    public var noise: Float

    public init(blur: Float, noise: Float) {
        self.blur = blur
        self.noise = noise
    }

    /// Perturbs each of the `count` images in `pixels` (NCHW, square of `side`) with a strength
    /// drawn per image.
    public func apply(_ pixels: inout [Float], count: Int, channels: Int, side: Int, rng: inout RNG) {
        Self.perturb(&pixels, count: count, channels: channels, side: side, rng: &rng) { rng in
            (rng.uniform(0, blur), rng.uniform(0, noise))
        }
    }

    /// Perturbs every image at the full strength (a = blur, sigma = noise).
    public func atFullStrength(_ pixels: [Float], count: Int, channels: Int, side: Int, rng: inout RNG) -> [Float] {
        var out = pixels
        Self.perturb(&out, count: count, channels: channels, side: side, rng: &rng) { _ in (blur, noise) }
        return out
    }

    /// Perturbs each image with the strength (a, sigma) that `strength` gives it, drawn before its noise.
    static func perturb(_ pixels: inout [Float], count: Int, channels: Int, side: Int, rng: inout RNG,
                        strength: (inout RNG) -> (blur: Float, noise: Float)) {
        let plane = side * side
        var source = [Float](repeating: 0, count: plane)   // one plane before blurring, reused
        for image in 0..<count {
            let (a, sigma) = strength(&rng)
            for c in 0..<channels {
                let base = (image * channels + c) * plane
                for p in 0..<plane { source[p] = pixels[base + p] }
                for y in 0..<side {
                    for x in 0..<side {
                        var sum: Float = 0, n: Float = 0
                        for yy in Swift.max(0, y - 1)...Swift.min(side - 1, y + 1) {
                            for xx in Swift.max(0, x - 1)...Swift.min(side - 1, x + 1) {
                                sum += source[yy * side + xx]
                                n += 1
                            }
                        }
                        let value = (1 - a) * source[y * side + x] + a * sum / n + (sigma > 0 ? sigma * rng.normal() : 0)
                        pixels[base + y * side + x] = Swift.min(1, Swift.max(-1, value))
                    }
                }
            }
        }
    }
}
