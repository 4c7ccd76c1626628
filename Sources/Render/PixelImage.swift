import Foundation

/// An image as a pixel buffer: H x W x C interleaved (C = 1 grey, 3 RGB, 4 RGBA),
/// values in [0, 1]. Generators produce [-1, 1]; convert with `init(pixels:range:)`.
public struct PixelImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let channels: Int
    /// Row-major, channels interleaved, in [0, 1].
    public var pixels: [Float]

    public enum Range: Sendable { case zeroToOne, minusOneToOne }

    /// Wraps a buffer, mapping [-1, 1] to [0, 1] if asked and clamping.
    public init(width: Int, height: Int, channels: Int, pixels: [Float], range: Range = .zeroToOne) throws {
        guard width > 0, height > 0 else { throw RenderError.badImage("size \(width)x\(height) must be positive") }
        guard [1, 3, 4].contains(channels) else { throw RenderError.badImage("channels \(channels) must be 1, 3 or 4") }
        guard pixels.count == width * height * channels else {
            throw RenderError.badImage("\(pixels.count) values for \(width)x\(height)x\(channels)")
        }
        self.width = width; self.height = height; self.channels = channels
        switch range {
        case .zeroToOne: self.pixels = pixels.map { min(max($0, 0), 1) }
        case .minusOneToOne: self.pixels = pixels.map { min(max(($0 + 1) / 2, 0), 1) }
        }
    }

    /// A solid image.
    public init(width: Int, height: Int, color: RGB) {
        self.width = width; self.height = height; self.channels = 3
        var p = [Float](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) { p[3 * i] = color.r; p[3 * i + 1] = color.g; p[3 * i + 2] = color.b }
        self.pixels = p
    }

    /// The pixel (x, y) as RGB (grey is replicated, alpha is composited on white).
    @inline(__always)
    public func rgb(_ x: Int, _ y: Int) -> RGB {
        let i = (y * width + x) * channels
        switch channels {
        case 1: return RGB(pixels[i], pixels[i], pixels[i])
        case 4:
            let a = pixels[i + 3]
            return RGB(pixels[i] * a + 1 - a, pixels[i + 1] * a + 1 - a, pixels[i + 2] * a + 1 - a)
        default: return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
        }
    }

    /// This image as RGB (3 channels).
    public func toRGB() -> PixelImage {
        if channels == 3 { return self }
        var out = PixelImage(width: width, height: height, color: .white)
        for y in 0..<height { for x in 0..<width { out.set(x, y, rgb(x, y)) } }
        return out
    }

    /// Sets pixel (x, y) of an RGB image; ignored outside the image.
    @inline(__always)
    public mutating func set(_ x: Int, _ y: Int, _ c: RGB) {
        guard x >= 0, y >= 0, x < width, y < height, channels == 3 else { return }
        let i = (y * width + x) * 3
        pixels[i] = c.r; pixels[i + 1] = c.g; pixels[i + 2] = c.b
    }

    /// Nearest-neighbour upscaling by an integer factor (pixels stay crisp).
    public func upscaled(_ factor: Int) -> PixelImage {
        guard factor > 1 else { return self }
        let w = width * factor, h = height * factor, c = channels
        var p = [Float](repeating: 0, count: w * h * c)
        for y in 0..<h {
            let sy = y / factor
            for x in 0..<w {
                let s = (sy * width + x / factor) * c, d = (y * w + x) * c
                for k in 0..<c { p[d + k] = pixels[s + k] }
            }
        }
        return PixelImageUnchecked.make(width: w, height: h, channels: c, pixels: p)
    }

    /// |a - b| per pixel (RGB), for "difference to the original" panels;
    /// scaled by `gain` so small differences stay visible.
    public static func difference(_ a: PixelImage, _ b: PixelImage, gain: Float = 1) throws -> PixelImage {
        guard a.width == b.width, a.height == b.height else {
            throw RenderError.badImage("difference of \(a.width)x\(a.height) and \(b.width)x\(b.height)")
        }
        var out = PixelImage(width: a.width, height: a.height, color: .black)
        for y in 0..<a.height {
            for x in 0..<a.width {
                let p = a.rgb(x, y), q = b.rgb(x, y)
                out.set(x, y, RGB(min(abs(p.r - q.r) * gain, 1), min(abs(p.g - q.g) * gain, 1), min(abs(p.b - q.b) * gain, 1)))
            }
        }
        return out
    }
}

/// Internal constructor for buffers already known to be valid.
enum PixelImageUnchecked {
    static func make(width: Int, height: Int, channels: Int, pixels: [Float]) -> PixelImage {
        // Valid by construction: sizes positive, count matches, values already in [0, 1].
        (try? PixelImage(width: width, height: height, channels: channels, pixels: pixels))
            ?? PixelImage(width: 1, height: 1, color: .black)
    }
}

/// An RGB colour in [0, 1].
public struct RGB: Sendable, Equatable {
    public var r: Float, g: Float, b: Float
    public init(_ r: Float, _ g: Float, _ b: Float) { self.r = r; self.g = g; self.b = b }
    public static let white = RGB(1, 1, 1)
    public static let black = RGB(0, 0, 0)
    public static let ink = RGB(0.13, 0.14, 0.17)
    public static let highlight = RGB(0.90, 0.35, 0.10)
    public static let accent = RGB(0.16, 0.45, 0.85)
}

public enum RenderError: Error, CustomStringConvertible, Equatable {
    case badImage(String)
    case fileMissing(path: String)
    case notPNG(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case badFigure(String)

    public var description: String {
        switch self {
        case .badImage(let m): return "image: \(m)"
        case .fileMissing(let p): return "\(p): PNG file not found"
        case .notPNG(let p, let r): return "\(p): not a readable PNG (\(r))"
        case .writeFailed(let p, let r): return "\(p): cannot write (\(r)); check the folder exists and is writable"
        case .badFigure(let m): return "figure: \(m)"
        }
    }
}
