import Datasets
import Foundation

/// The real images a trainer draws from, batch b as a pure function of b, so a run
/// resumed at step s sees exactly the batches an uninterrupted run would.
///
/// Epoch e = b / batchesPerEpoch is a seeded Fisher-Yates order of the whole set
/// (`ShuffledBatches.permutation(count:seed:epoch:)`); incomplete last batches are dropped.
public final class TrainingImages: @unchecked Sendable {
    public let images: ImageBatch
    public let seed: UInt64
    /// What a checkpoint records of the data it was trained on, so that resuming on another
    /// data set (another file, another sprite count) is refused: the image count and shape
    /// and the SHA-256 of about a thousand images spread over the set. Computed once: every
    /// checkpoint writes it and a resume compares it.
    public let fingerprint: String
    private var cachedEpoch = -1
    private var order: [Int] = []

    public init(_ images: ImageBatch, seed: UInt64) throws {
        guard images.count > 0 else { throw GANTrainingError.emptyDataset }
        self.images = images
        self.seed = seed
        let n = images.count, size = images.channels * images.height * images.width
        var data = Data()
        for i in stride(from: 0, to: n, by: Swift.max(1, n / 1000)) {
            images.pixels[i * size ..< (i + 1) * size].withUnsafeBytes { data.append(contentsOf: $0) }
        }
        fingerprint = "\(n) images of \(images.channels)x\(images.height)x\(images.width), sample SHA-256 \(SHA256.hash(data).prefix(16))"
    }

    public var channels: Int { images.channels }

    /// Real batch number `index` of size `size` (size is capped at the set's size).
    public func batch(_ index: Int, size: Int) -> ImageBatch {
        let size = Swift.min(size, images.count)
        let perEpoch = images.count / size
        let epoch = index / perEpoch, position = index % perEpoch
        if epoch != cachedEpoch {
            order = ShuffledBatches.permutation(count: images.count, seed: seed, epoch: epoch)
            cachedEpoch = epoch
        }
        return images.gathering(Array(order[position * size ..< (position + 1) * size]))
    }
}
