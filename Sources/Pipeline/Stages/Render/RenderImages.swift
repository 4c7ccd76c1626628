import Datasets
import Evaluation
import Foundation
import Render

/// Conversions between the models' image batches ([-1, 1], N x C x H x W
/// planes) and Render's pixel images, and the figure files of an artifact.
enum RenderImages {
    /// Every image of a batch as a PixelImage (CHW planes to interleaved HWC, [-1, 1] to [0, 1]).
    static func pixelImages(_ batch: ImageBatch) throws -> [PixelImage] {
        let c = batch.channels, h = batch.height, w = batch.width, size = batch.imageSize
        return try (0..<batch.count).map { n in
            var interleaved = [Float](repeating: 0, count: size)
            batch.pixels.withUnsafeBufferPointer { src in
                guard let base = src.baseAddress else { return }
                let image = base + n * size
                for ch in 0..<c { for y in 0..<h { for x in 0..<w { interleaved[(y * w + x) * c + ch] = image[(ch * h + y) * w + x] } } }
            }
            return try PixelImage(width: w, height: h, channels: c, pixels: interleaved, range: .minusOneToOne)
        }
    }

    /// A rows x columns grid of the first images (blank cells past the end), for sample grids.
    static func sampleGrid(_ images: [PixelImage], columns: Int = 8) throws -> PixelImage {
        let rows = max(1, (images.count + columns - 1) / columns)
        let cells: [[PixelImage?]] = (0..<rows).map { r in
            (0..<columns).map { c in r * columns + c < images.count ? images[r * columns + c] : nil }
        }
        var composer = GridComposer(scale: 2, gap: 2)
        composer.margin = 2
        return try composer.compose(cells)
    }

    /// `count` values evenly from -limit to limit (0 in the middle when count is odd).
    static func symmetric(_ limit: Double, count: Int) -> [Double] {
        guard count > 1 else { return [0] }
        return (0..<count).map { -limit + 2 * limit * Double($0) / Double(count - 1) }
    }

    /// A file-name-safe form of an attribute key or editor name.
    static func fileName(_ name: String) throws -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(allowed.contains) else { throw RenderStageError.badFigurePath(name) }
        return name
    }
}

/// Writes figures under `root/figures/` and returns their paths relative to `root`.
struct FigureFolder {
    let root: URL

    func png(_ image: PixelImage, _ path: String) throws -> String {
        let url = try prepare(path)
        try PNG.write(image, to: url)
        return path
    }

    func svg(_ text: String, _ path: String) throws -> String {
        let url = try prepare(path)
        try AtomicWrite.write(Data(text.utf8), to: url)
        return path
    }

    private func prepare(_ path: String) throws -> URL {
        let url = root.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw PipelineError.writeFailed(path: url.deletingLastPathComponent().path, reason: error.localizedDescription)
        }
        return url
    }
}
