// The procedural sprites dataset: item i of seed s is a pure function of (s, i),
// so any slice can be generated on its own, on any machine, in any order.

/// Sprites with their factor labels (the identity label is the shape class).
public struct SpriteSet: Equatable, Sendable {
    public var images: ImageBatch
    public var factors: [SpriteFactors]

    public var count: Int { images.count }
    public var labels: [Int] { factors.map(\.shape.rawValue) }
    public var labeled: LabeledImages { LabeledImages(images: images, labels: labels) }
}

public struct SpriteGenerator: Sendable {
    public var seed: UInt64
    public var ranges: SpriteFactorRanges
    public var renderer: SpriteRenderer

    public init(seed: UInt64, ranges: SpriteFactorRanges = .standard,
                renderer: SpriteRenderer = SpriteRenderer()) {
        self.seed = seed
        self.ranges = ranges
        self.renderer = renderer
    }

    public var channels: Int { 3 }
    public var side: Int { renderer.side }

    /// The factors of item `index`.
    public func factors(at index: Int) -> SpriteFactors {
        var rng = DatasetRNG(seed: seed, index: UInt64(truncatingIfNeeded: index))
        return ranges.sample(&rng)
    }

    /// Items `indices` (e.g. 0..<1000), images and factors.
    public func sprites(_ indices: Range<Int>) -> SpriteSet {
        let factors = indices.map { self.factors(at: $0) }
        return SpriteSet(images: render(factors), factors: factors)
    }

    /// Renders arbitrary factors (e.g. a factor sweep) as one batch.
    public func render(_ factors: [SpriteFactors]) -> ImageBatch {
        let size = channels * side * side
        var pixels = [Float](repeating: 0, count: factors.count * size)
        pixels.withUnsafeMutableBufferPointer { buffer in
            for (row, item) in factors.enumerated() {
                renderer.draw(item, into: buffer.baseAddress! + row * size)
            }
        }
        return ImageBatch(count: factors.count, channels: channels, height: side, width: side, pixels: pixels)
    }
}
