import AtomicFile
import CPNG
import Foundation

/// PNG encoding and decoding through libpng's simplified `png_image` API
/// (8-bit grey, RGB, RGBA; no setjmp needed).
public enum PNG {
    /// Encodes an image as 8-bit PNG bytes of its own channel count.
    public static func encode(_ image: PixelImage) throws -> Data {
        var img = png_image()
        img.version = UInt32(PNG_IMAGE_VERSION)
        img.width = UInt32(image.width)
        img.height = UInt32(image.height)
        img.format = format(channels: image.channels)
        let bytes = image.pixels.map { UInt8(($0 * 255).rounded()) }
        var size: png_alloc_size_t = 0
        let stride = Int32(image.width * image.channels)
        // First call measures, second writes.
        let ok1 = bytes.withUnsafeBytes { png_image_write_to_memory(&img, nil, &size, 0, $0.baseAddress, stride, nil) }
        guard ok1 != 0, size > 0 else { throw RenderError.badImage("libpng: \(message(&img))") }
        var out = Data(count: Int(size))
        let ok2 = out.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { png_image_write_to_memory(&img, dst.baseAddress, &size, 0, $0.baseAddress, stride, nil) }
        }
        guard ok2 != 0 else { throw RenderError.badImage("libpng: \(message(&img))") }
        png_image_free(&img)
        return out.prefix(Int(size))
    }

    /// Writes a PNG atomically (temporary file beside it, then rename) into a
    /// folder that must exist.
    public static func write(_ image: PixelImage, to url: URL) throws {
        let data = try encode(image)
        do { try AtomicFile.write(data, to: url, creatingFolder: false) } catch {
            throw RenderError.writeFailed(path: error.path, reason: error.reason)
        }
    }

    /// Decodes PNG bytes into an image of 1, 3 or 4 channels (grey+alpha becomes RGBA).
    public static func decode(_ data: Data, path: String = "<memory>") throws -> PixelImage {
        guard data.count >= 8, data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw RenderError.notPNG(path: path, reason: "missing PNG signature")
        }
        var img = png_image()
        img.version = UInt32(PNG_IMAGE_VERSION)
        let ok = data.withUnsafeBytes { png_image_begin_read_from_memory(&img, $0.baseAddress, $0.count) }
        guard ok != 0 else { throw RenderError.notPNG(path: path, reason: message(&img)) }
        let hasColor = img.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
        let hasAlpha = img.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0
        let channels = hasAlpha ? 4 : (hasColor ? 3 : 1)
        img.format = format(channels: channels)
        let w = Int(img.width), h = Int(img.height)
        var buffer = [UInt8](repeating: 0, count: w * h * channels)
        let ok2 = data.withUnsafeBytes { src in
            buffer.withUnsafeMutableBytes { _ = src; return png_image_finish_read(&img, nil, $0.baseAddress, Int32(w * channels), nil) }
        }
        guard ok2 != 0 else { throw RenderError.notPNG(path: path, reason: message(&img)) }
        png_image_free(&img)
        return try PixelImage(width: w, height: h, channels: channels, pixels: buffer.map { Float($0) / 255 })
    }

    /// Reads a PNG file; a missing, unreadable or non-PNG file is a typed error naming the path.
    public static func read(_ url: URL) throws -> PixelImage {
        guard FileManager.default.fileExists(atPath: url.path) else { throw RenderError.fileMissing(path: url.path) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RenderError.notPNG(path: url.path, reason: error.localizedDescription)
        }
        return try decode(data, path: url.path)
    }

    static func format(channels: Int) -> UInt32 {
        switch channels {
        case 1: return 0  // PNG_FORMAT_GRAY
        case 4: return UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)  // PNG_FORMAT_RGBA
        default: return UInt32(PNG_FORMAT_FLAG_COLOR)  // PNG_FORMAT_RGB
        }
    }

    static func message(_ img: inout png_image) -> String {
        withUnsafeBytes(of: &img.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
