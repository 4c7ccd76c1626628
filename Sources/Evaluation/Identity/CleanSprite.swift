import Datasets
import Foundation

/// The three checks of a clean sprite (DESIGN.md section 5, generator quality), measured
/// on the chroma foreground mask (`ChromaMask`):
///
/// - flat background: standard deviation of every channel value of the pixels outside
///   the mask, dilated by one pixel (so anti-aliased edges do not count);
/// - one foreground hue: angular deviation sqrt(2 (1 - R)) (degrees) of the hues of the
///   pixels with mask weight >= 1/2, R their mean resultant length;
/// - one component: number of 8-connected components of those pixels.
///
/// A generated sprite is clean when each figure is at most its threshold, set at the
/// 99th percentile of real sprites (`CleanSprite.Thresholds.fitted`).
public struct CleanSprite: Sendable, Equatable {
    public var backgroundStd: Double
    public var hueDeviation: Double
    public var components: Int

    public init(_ image: PlanarImage) {
        let mask = ChromaMask(image)
        let w = image.width, h = image.height, plane = w * h
        let solid = mask.weights.map { $0 >= 0.5 }
        // Background: outside the mask dilated by one pixel.
        var background: [Double] = []
        for y in 0..<h {
            for x in 0..<w {
                var near = false
                for dy in -1...1 { for dx in -1...1 {
                    let yy = y + dy, xx = x + dx
                    if yy >= 0, yy < h, xx >= 0, xx < w, mask.weights[yy * w + xx] > 0 { near = true }
                } }
                if near { continue }
                for c in 0..<image.channels { background.append(Double(image.pixels[c * plane + y * w + x])) }
            }
        }
        backgroundStd = CleanSprite.standardDeviation(background)
        var sumSin = 0.0, sumCos = 0.0, n = 0.0
        if image.channels >= 3 {
            for i in 0..<plane where solid[i] {
                let hue = ForegroundHue.hue(r: Double(image.pixels[i]), g: Double(image.pixels[plane + i]),
                                            b: Double(image.pixels[2 * plane + i])) * Double.pi / 180
                sumSin += sin(hue); sumCos += cos(hue); n += 1
            }
        }
        let resultant = n > 0 ? (sumSin * sumSin + sumCos * sumCos).squareRoot() / n : 1
        hueDeviation = (2 * Swift.max(0, 1 - resultant)).squareRoot() * 180 / Double.pi
        components = CleanSprite.componentCount(solid, width: w, height: h)
    }

    static func standardDeviation(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        let mean = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)).squareRoot()
    }

    /// 8-connected components of the true pixels.
    static func componentCount(_ on: [Bool], width: Int, height: Int) -> Int {
        var seen = [Bool](repeating: false, count: on.count)
        var count = 0
        var stack: [Int] = []
        for start in 0..<on.count where on[start] && !seen[start] {
            count += 1
            seen[start] = true
            stack.append(start)
            while let p = stack.popLast() {
                let y = p / width, x = p % width
                for dy in -1...1 { for dx in -1...1 {
                    let yy = y + dy, xx = x + dx
                    guard yy >= 0, yy < height, xx >= 0, xx < width else { continue }
                    let q = yy * width + xx
                    if on[q], !seen[q] { seen[q] = true; stack.append(q) }
                } }
            }
        }
        return count
    }

    public struct Thresholds: Codable, Sendable, Equatable {
        public var backgroundStd: Double
        public var hueDeviation: Double
        public var components: Int

        /// The 99th percentile of each figure over `real` sprites.
        public static func fitted(_ real: [CleanSprite], percentile: Double = 0.99) -> Thresholds {
            func quantile(_ v: [Double]) -> Double {
                let s = v.sorted()
                guard !s.isEmpty else { return 0 }
                return s[Swift.min(s.count - 1, Int((percentile * Double(s.count - 1)).rounded(.up)))]
            }
            return Thresholds(backgroundStd: quantile(real.map(\.backgroundStd)),
                              hueDeviation: quantile(real.map(\.hueDeviation)),
                              components: Int(quantile(real.map { Double($0.components) })))
        }
    }

    public func flatBackground(_ t: Thresholds) -> Bool { backgroundStd <= t.backgroundStd }
    public func oneHue(_ t: Thresholds) -> Bool { hueDeviation <= t.hueDeviation }
    /// At least one and at most the threshold's components (an empty image is not clean).
    public func oneComponent(_ t: Thresholds) -> Bool { components >= 1 && components <= t.components }
    public func isClean(_ t: Thresholds) -> Bool { flatBackground(t) && oneHue(t) && oneComponent(t) }
}
