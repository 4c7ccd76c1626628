import Datasets
import Foundation
import Generators
import Render
import Tensor

/// Sample grids (samples.png of the data and generator artifacts, models/*.png).
public enum SampleGrid {
    /// The first rows x columns images of `batch` ([-1, 1], NCHW) as a PNG grid.
    public static func write(_ batch: ImageBatch, rows: Int = 8, columns: Int = 8, scale: Int = 2, to url: URL) throws {
        var cells: [[PixelImage?]] = []
        for r in 0..<rows {
            var row: [PixelImage?] = []
            for c in 0..<columns {
                let i = r * columns + c
                guard i < batch.count else { row.append(nil); continue }
                row.append(try pixelImage(batch.image(at: i)))
            }
            cells.append(row)
        }
        var composer = GridComposer(scale: scale, gap: 2)
        composer.margin = 2
        try PNG.write(try composer.compose(cells), to: url)
    }

    /// CHW planes to interleaved HWC.
    static func pixelImage(_ image: PlanarImage) throws -> PixelImage {
        let c = image.channels, h = image.height, w = image.width
        var interleaved = [Float](repeating: 0, count: c * h * w)
        for ch in 0..<c { for y in 0..<h { for x in 0..<w { interleaved[(y * w + x) * c + ch] = image[ch, y, x] } } }
        return try PixelImage(width: w, height: h, channels: c, pixels: interleaved, range: .minusOneToOne)
    }

    /// `count` samples of a generator in evaluation mode from latents of `seed`.
    public static func samples(of generator: DCGAN32Generator, count: Int, seed: UInt64) -> ImageBatch {
        generator.eval()
        var rng = RNG(seed: seed)
        let out = Tensor.withoutGradients { generator(Tensor.randn([count, generator.latentDim], rng: &rng)) }
        return ImageBatch(count: count, channels: out.shape[1], height: out.shape[2], width: out.shape[3], pixels: out.scalars)
    }
}
