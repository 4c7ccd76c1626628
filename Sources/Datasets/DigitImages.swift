// Grey digit images (MNIST and any IDX set) as model input: bytes 0-255 mapped to
// [-1, 1], centred in a side x side frame by padding with black (-1).
// MNIST's 28x28 digits get 2 px on each side -> 32x32.

import Foundation

public enum DigitImages {
    /// Maps byte images to [-1, 1] (v / 127.5 - 1) and pads them to `side` x `side`
    /// (extra rows/columns split evenly, the odd one at the bottom/right).
    public static func batch(_ idx: IDXImages, side: Int = 32, path: String = "images") throws -> ImageBatch {
        guard idx.rows <= side, idx.columns <= side else {
            throw IDXError.tooLarge(path: path, rows: idx.rows, columns: idx.columns, side: side)
        }
        let top = (side - idx.rows) / 2, left = (side - idx.columns) / 2
        var pixels = [Float](repeating: -1, count: idx.count * side * side)
        let plane = side * side, source = idx.rows * idx.columns
        idx.pixels.withUnsafeBufferPointer { input in
            pixels.withUnsafeMutableBufferPointer { output in
                let src = input.baseAddress!, dst = output.baseAddress!
                for n in 0 ..< idx.count {
                    for y in 0 ..< idx.rows {
                        let from = src + n * source + y * idx.columns
                        let to = dst + n * plane + (top + y) * side + left
                        for x in 0 ..< idx.columns { to[x] = Float(from[x]) / 127.5 - 1 }
                    }
                }
            }
        }
        return ImageBatch(count: idx.count, channels: 1, height: side, width: side, pixels: pixels)
    }

    /// Loads an IDX (or IDX.gz) image file, and its labels if given, as 32x32 images in [-1, 1].
    /// Without a labels file every label is 0 (a single class).
    public static func load(images: URL, labels: URL?, side: Int = 32) throws -> LabeledImages {
        let raw = try IDX.readImages(at: images)
        let batch = try Self.batch(raw, side: side, path: images.path)
        guard let labels else {
            return LabeledImages(images: batch, labels: [Int](repeating: 0, count: batch.count))
        }
        let classes = try IDX.readLabels(at: labels)
        guard classes.count == batch.count else {
            throw IDXError.countMismatch(images: images.path, imageCount: batch.count,
                                         labels: labels.path, labelCount: classes.count)
        }
        return LabeledImages(images: batch, labels: classes.map(Int.init))
    }
}
