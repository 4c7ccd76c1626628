// An in-memory dataset: images with one integer class label each (the identity:
// digit class, sprite shape class).

public struct LabeledImages: Equatable, Sendable {
    public var images: ImageBatch
    public var labels: [Int]

    public var count: Int { images.count }

    public init(images: ImageBatch, labels: [Int]) {
        precondition(images.count == labels.count, "LabeledImages: image and label counts differ")
        self.images = images
        self.labels = labels
    }

    public func gathering(_ indices: [Int]) -> LabeledImages {
        LabeledImages(images: images.gathering(indices), labels: indices.map { labels[$0] })
    }

    /// The first `count` items (all of them if there are fewer).
    public func prefix(_ count: Int) -> LabeledImages {
        gathering(Array(0 ..< min(count, self.count)))
    }
}
