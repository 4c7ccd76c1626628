// Draws one sprite: an anti-aliased shape of a pure hue on a grey background.
//
// Coverage alpha of each pixel is the fraction of its k x k stratified sub-samples
// (k = samplesPerAxis, default 4) that fall inside the shape; the pixel colour is
// alpha * foreground + (1 - alpha) * background. Blending with grey keeps the hue
// and scales the chroma (max - min of RGB) by alpha, which is what the measurers use.

import Foundation

public struct SpriteRenderer: Sendable {
    public var side: Int
    public var samplesPerAxis: Int

    public init(side: Int = 32, samplesPerAxis: Int = 4) {
        self.side = side
        self.samplesPerAxis = max(1, samplesPerAxis)
    }

    /// Pure hue at full saturation and value: HSV(hue, 1, 1) -> RGB in [0, 1].
    public static func foregroundColour(hue: Double) -> (r: Double, g: Double, b: Double) {
        var h = hue.truncatingRemainder(dividingBy: 360)
        if h < 0 { h += 360 }
        let sector = h / 60
        let x = 1 - abs(sector.truncatingRemainder(dividingBy: 2) - 1)
        switch Int(sector) {
        case 0: return (1, x, 0)
        case 1: return (x, 1, 0)
        case 2: return (0, 1, x)
        case 3: return (0, x, 1)
        case 4: return (x, 0, 1)
        default: return (1, 0, x)
        }
    }

    public func render(_ factors: SpriteFactors) -> PlanarImage {
        var pixels = [Float](repeating: 0, count: 3 * side * side)
        pixels.withUnsafeMutableBufferPointer { draw(factors, into: $0.baseAddress!) }
        return PlanarImage(channels: 3, height: side, width: side, pixels: pixels)
    }

    /// Writes the CHW image (3 x side x side floats) at `target`.
    public func draw(_ factors: SpriteFactors, into target: UnsafeMutablePointer<Float>) {
        let plane = side * side
        let background = Float(2 * factors.background - 1)
        target.update(repeating: background, count: 3 * plane)

        let colour = SpriteRenderer.foregroundColour(hue: factors.hue)
        let fg = (Float(2 * colour.r - 1), Float(2 * colour.g - 1), Float(2 * colour.b - 1))

        // Only pixels within the shape's reach can be covered.
        let reach = factors.size * factors.shape.reach
        let x0 = max(0, Int((factors.centerX - reach).rounded(.down)))
        let x1 = min(side - 1, Int((factors.centerX + reach).rounded(.down)))
        let y0 = max(0, Int((factors.centerY - reach).rounded(.down)))
        let y1 = min(side - 1, Int((factors.centerY + reach).rounded(.down)))
        guard x0 <= x1, y0 <= y1 else { return }

        // Pixel-space offset (dx, dy) -> shape frame (u, v) = R(-theta) (dx, dy) / s.
        let theta = factors.rotation * Double.pi / 180
        let inverseSize = 1 / factors.size
        let c = cos(theta) * inverseSize, s = sin(theta) * inverseSize
        let k = samplesPerAxis
        let step = 1 / Double(k)
        let samples = Float(k * k)
        let shape = factors.shape

        for y in y0 ... y1 {
            for x in x0 ... x1 {
                var inside = 0
                for j in 0 ..< k {
                    let dy = Double(y) + (Double(j) + 0.5) * step - factors.centerY
                    for i in 0 ..< k {
                        let dx = Double(x) + (Double(i) + 0.5) * step - factors.centerX
                        if shape.contains(u: c * dx + s * dy, v: -s * dx + c * dy) { inside += 1 }
                    }
                }
                guard inside > 0 else { continue }
                let alpha = Float(inside) / samples
                let index = y * side + x
                target[index] = background + alpha * (fg.0 - background)
                target[plane + index] = background + alpha * (fg.1 - background)
                target[2 * plane + index] = background + alpha * (fg.2 - background)
            }
        }
    }
}
