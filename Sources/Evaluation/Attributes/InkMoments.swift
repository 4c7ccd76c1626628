// Moments of a grey digit's ink. Ink weight of a pixel: with g = (v + 1) / 2 its grey
// level (v the channel mean in [-1, 1]: white ink on black), w = (g - f) / (1 - f)
// clamped to [0, 1], f = 0.1. The floor f keeps a generator's faint background haze
// (g ~ 0.01-0.03 on hundreds of pixels) from inflating the second moments.
// Coordinates in pixels, x to the right, y DOWN (image rows), pixel centres at i + 0.5.

import Datasets

public struct InkMoments: Sendable {
    public let width: Int
    public let height: Int
    /// Ink weight per pixel, row-major.
    public let ink: [Double]
    /// Total ink (area in pixels).
    public let mass: Double
    public let meanX: Double
    public let meanY: Double
    /// Central second moments: mu20 = var x, mu02 = var y, mu11 = cov(x, y).
    public let mu20: Double
    public let mu02: Double
    public let mu11: Double

    /// Grey levels up to this count as no ink.
    public static let floor = 0.1

    public init(_ image: PlanarImage) {
        width = image.width
        height = image.height
        let plane = width * height
        var ink = [Double](repeating: 0, count: plane)
        for i in 0 ..< plane {
            var v = 0.0
            for c in 0 ..< image.channels { v += Double(image.pixels[c * plane + i]) }
            let grey = (v / Double(image.channels) + 1) / 2
            ink[i] = Swift.min(1, Swift.max(0, (grey - InkMoments.floor) / (1 - InkMoments.floor)))
        }
        self.ink = ink
        var m = 0.0, sx = 0.0, sy = 0.0
        for y in 0 ..< height {
            for x in 0 ..< width {
                let w = ink[y * width + x]
                m += w; sx += w * (Double(x) + 0.5); sy += w * (Double(y) + 0.5)
            }
        }
        mass = m
        meanX = m > 0 ? sx / m : Double(width) / 2
        meanY = m > 0 ? sy / m : Double(height) / 2
        var xx = 0.0, yy = 0.0, xy = 0.0
        for y in 0 ..< height {
            for x in 0 ..< width {
                let w = ink[y * width + x]
                let dx = Double(x) + 0.5 - meanX, dy = Double(y) + 0.5 - meanY
                xx += w * dx * dx; yy += w * dy * dy; xy += w * dx * dy
            }
        }
        mu20 = m > 0 ? xx / m : 0
        mu02 = m > 0 ? yy / m : 0
        mu11 = m > 0 ? xy / m : 0
    }

    /// Shear dx/d(up) of the ink's principal vertical axis: positive when the top
    /// leans right. (With y down, leaning right means x falls as y grows: mu11 < 0.)
    public var slant: Double { mu02 > 0 ? -mu11 / mu02 : 0 }

    /// Variance of x left after removing the part explained by y (the deskewed
    /// horizontal variance: unchanged by a shear x' = x + s y).
    public var deskewedVarianceX: Double { mu02 > 0 ? Swift.max(0, mu20 - mu11 * mu11 / mu02) : mu20 }
}
