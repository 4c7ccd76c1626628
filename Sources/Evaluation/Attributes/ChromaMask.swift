// The sprite foreground mask, by chroma.
//
// A sprite pixel is alpha * F + (1 - alpha) * g (F a pure hue, g grey), so its
// chroma max(RGB) - min(RGB) = alpha * chroma(F): chroma is exactly linear in the
// coverage alpha and zero on the background, whatever the grey level. The mask
// weight of a pixel is therefore w = clamp(chroma / c_ref, 0, 1), with c_ref the
// chroma of fully covered pixels, estimated as the median chroma of the pixels
// with at least half the image's largest chroma (the interior of the shape).
// Weights below `floor` (10%) are set to 0 so that faint noise in generated
// images does not spread the mask over the background.

import Datasets

public struct ChromaMask: Sendable {
    public let width: Int
    public let height: Int
    /// Foreground weight per pixel (row-major), in [0, 1].
    public let weights: [Double]
    /// The chroma of a fully covered pixel, in image units ([-1, 1] scale: at most 2).
    public let referenceChroma: Double

    /// Images whose largest chroma is below this (image units) have no foreground.
    public static let minimumChroma = 0.1
    public static let floor = 0.1

    public init(_ image: PlanarImage) {
        width = image.width
        height = image.height
        let plane = width * height
        var chroma = [Double](repeating: 0, count: plane)
        if image.channels >= 3 {
            image.pixels.withUnsafeBufferPointer { p in
                for i in 0 ..< plane {
                    let r = p[i], g = p[plane + i], b = p[2 * plane + i]
                    chroma[i] = Double(Swift.max(r, g, b) - Swift.min(r, g, b))
                }
            }
        }
        let largest = chroma.max() ?? 0
        guard largest >= ChromaMask.minimumChroma else {
            weights = [Double](repeating: 0, count: plane)
            referenceChroma = 0
            return
        }
        let interior = chroma.filter { $0 >= 0.5 * largest }.sorted()
        let reference = interior[interior.count / 2]
        referenceChroma = reference
        weights = chroma.map { c in
            let w = Swift.min(1, c / reference)
            return w < ChromaMask.floor ? 0 : w
        }
    }

    /// Total foreground weight: the shape's area in pixels.
    public var area: Double { weights.reduce(0, +) }

    /// Weighted centroid (x, y) in frame coordinates (pixel centres at i + 0.5);
    /// the frame centre if there is no foreground.
    public var centroid: (x: Double, y: Double) {
        var sum = 0.0, sx = 0.0, sy = 0.0
        for y in 0 ..< height {
            for x in 0 ..< width {
                let w = weights[y * width + x]
                sum += w
                sx += w * (Double(x) + 0.5)
                sy += w * (Double(y) + 0.5)
            }
        }
        guard sum > 0 else { return (Double(width) / 2, Double(height) / 2) }
        return (sx / sum, sy / sum)
    }
}
