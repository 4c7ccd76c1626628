// The sprite attributes V, H, S, B, C, each in the units of its generative factor
// (SpriteFactors), measured from the chroma mask (ChromaMask).

import Datasets
import Foundation

/// V: the foreground centroid's row coordinate, px from the top edge.
public struct VerticalPosition: AttributeMeasurer {
    public init() {}
    public var key: String { "V" }
    public var name: String { "vertical position" }
    public var unit: String { "px" }
    public func measure(_ image: PlanarImage) -> Double { ChromaMask(image).centroid.y }
}

/// H: the foreground centroid's column coordinate, px from the left edge.
public struct HorizontalPosition: AttributeMeasurer {
    public init() {}
    public var key: String { "H" }
    public var name: String { "horizontal position" }
    public var unit: String { "px" }
    public func measure(_ image: PlanarImage) -> Double { ChromaMask(image).centroid.x }
}

/// S: sqrt(foreground area) / 2, px: the half-side of the square of equal area
/// (every sprite shape has area 4 s^2, so this is the size factor s). 0 if no foreground.
public struct SpriteSize: AttributeMeasurer {
    public init() {}
    public var key: String { "S" }
    public var name: String { "size" }
    public var unit: String { "px" }
    public func measure(_ image: PlanarImage) -> Double { ChromaMask(image).area.squareRoot() / 2 }
}

/// B: mean grey level of the background (pixels with zero mask weight), in [0, 1];
/// of all pixels if the mask covers everything.
public struct BackgroundBrightness: AttributeMeasurer {
    public init() {}
    public var key: String { "B" }
    public var name: String { "background brightness" }
    public var unit: String { "grey level" }

    public func measure(_ image: PlanarImage) -> Double {
        let mask = ChromaMask(image)
        let plane = image.width * image.height
        var sum = 0.0, count = 0, total = 0.0
        for i in 0 ..< plane {
            var value = 0.0
            for c in 0 ..< image.channels { value += Double(image.pixels[c * plane + i]) }
            value /= Double(image.channels)
            total += value
            if mask.weights[i] == 0 { sum += value; count += 1 }
        }
        let mean = count > 0 ? sum / Double(count) : total / Double(Swift.max(plane, 1))
        return (mean + 1) / 2
    }
}

/// C: foreground hue, degrees in [0, 360): the circular mean of the pixels' hues
/// weighted by the mask (blending with grey keeps the hue, so every covered pixel
/// carries the foreground hue). 0 if there is no foreground.
public struct ForegroundHue: AttributeMeasurer {
    public init() {}
    public var key: String { "C" }
    public var name: String { "foreground hue" }
    public var unit: String { "degrees" }
    public var period: Double? { 360 }

    public func measure(_ image: PlanarImage) -> Double {
        let mask = ChromaMask(image)
        guard image.channels >= 3, mask.referenceChroma > 0 else { return 0 }
        let plane = image.width * image.height
        var sumSin = 0.0, sumCos = 0.0
        for i in 0 ..< plane where mask.weights[i] > 0 {
            let hue = ForegroundHue.hue(r: Double(image.pixels[i]), g: Double(image.pixels[plane + i]),
                                        b: Double(image.pixels[2 * plane + i]))
            let angle = hue * Double.pi / 180
            sumSin += mask.weights[i] * sin(angle)
            sumCos += mask.weights[i] * cos(angle)
        }
        var degrees = atan2(sumSin, sumCos) * 180 / Double.pi
        if degrees < 0 { degrees += 360 }
        return degrees
    }

    /// Hexcone hue of an RGB colour (any affine scale), degrees in [0, 360).
    public static func hue(r: Double, g: Double, b: Double) -> Double {
        let high = Swift.max(r, g, b), low = Swift.min(r, g, b)
        let chroma = high - low
        guard chroma > 0 else { return 0 }
        var sector: Double
        if high == r {
            sector = ((g - b) / chroma).truncatingRemainder(dividingBy: 6)
        } else if high == g {
            sector = (b - r) / chroma + 2
        } else {
            sector = (r - g) / chroma + 4
        }
        if sector < 0 { sector += 6 }
        return sector * 60
    }
}
