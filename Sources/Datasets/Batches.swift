// Mini-batches for training.
//
// ShuffledBatches: epochs over an in-memory dataset, each epoch a fresh Fisher-Yates
// permutation drawn from DatasetRNG(seed, epoch), so batch b of epoch e is the same
// on every run and machine. SpriteStream: an endless stream of fresh sprites,
// batch b holding sprite items b*B ..< (b+1)*B of the generator's seed.

public struct LabeledBatch: Equatable, Sendable {
    public var images: ImageBatch
    public var labels: [Int]
}

/// Endless (epoch after epoch): take what you need, e.g. `batches.prefix(steps)`.
public struct ShuffledBatches: IteratorProtocol, Sequence, Sendable {
    public let dataset: LabeledImages
    public let batchSize: Int
    public let seed: UInt64
    /// Drop the last, smaller batch of each epoch (every batch then has batchSize items).
    public let dropLast: Bool
    public private(set) var epoch = 0
    private var order: [Int] = []
    private var position = 0

    public init(_ dataset: LabeledImages, batchSize: Int, seed: UInt64, dropLast: Bool = true) {
        self.dataset = dataset
        self.batchSize = Swift.max(1, batchSize)
        self.seed = seed
        self.dropLast = dropLast && dataset.count >= Swift.max(1, batchSize)
        order = ShuffledBatches.permutation(count: dataset.count, seed: seed, epoch: 0)
    }

    /// The shuffled order of epoch `epoch`.
    public static func permutation(count: Int, seed: UInt64, epoch: Int) -> [Int] {
        var order = Array(0 ..< count)
        var rng = DatasetRNG(seed: seed, index: UInt64(truncatingIfNeeded: epoch))
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, rng.nextIndex(below: i + 1))
        }
        return order
    }

    /// Batches per epoch.
    public var batchesPerEpoch: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// The next batch, starting a new epoch when this one is used up; nil only for an empty dataset.
    public mutating func next() -> LabeledBatch? {
        guard dataset.count > 0 else { return nil }
        let remaining = order.count - position
        if remaining == 0 || (dropLast && remaining < batchSize) {
            epoch += 1
            order = ShuffledBatches.permutation(count: dataset.count, seed: seed, epoch: epoch)
            position = 0
        }
        let indices = Array(order[position ..< Swift.min(position + batchSize, order.count)])
        position += indices.count
        let batch = dataset.gathering(indices)
        return LabeledBatch(images: batch.images, labels: batch.labels)
    }
}

/// Endless: take what you need, e.g. `stream.prefix(steps)`.
public struct SpriteStream: IteratorProtocol, Sequence, Sendable {
    public let generator: SpriteGenerator
    public let batchSize: Int
    public private(set) var batchIndex = 0

    public init(seed: UInt64, batchSize: Int, ranges: SpriteFactorRanges = .standard) {
        generator = SpriteGenerator(seed: seed, ranges: ranges)
        self.batchSize = Swift.max(1, batchSize)
    }

    /// Batch `index` of the stream, independent of any other.
    public func batch(at index: Int) -> SpriteSet {
        generator.sprites(index * batchSize ..< (index + 1) * batchSize)
    }

    public mutating func next() -> SpriteSet? {
        defer { batchIndex += 1 }
        return batch(at: batchIndex)
    }
}
