// The datasets an experiment config can name (DESIGN.md section 4 table), as one value
// the pipeline can load without knowing each reader.

import Foundation

public enum DatasetSource: Sendable, Equatable {
    /// Procedural sprites of a seed; labels are shape classes.
    case sprites(seed: UInt64, ranges: SpriteFactorRanges = .standard)
    /// The real MNIST in `dataDirectory` (nil: $CURVILINEAR_DATA_DIR or ./data),
    /// downloaded first if it is not cached yet.
    case mnist(split: MNISTSplit, dataDirectory: URL? = nil)
    /// Any IDX / IDX.gz image file, with its labels file if there is one.
    case idx(images: URL, labels: URL?)

    /// The sprite set loaded when no count is given.
    public static let defaultSpriteCount = 10_000

    public var channels: Int {
        if case .sprites = self { return 3 }
        return 1
    }

    /// Which attribute measurers apply (a name for `AttributeMeasurers.set(named:)`).
    public var measurerSet: String {
        if case .sprites = self { return "sprites" }
        return "digits"
    }

    /// The first `limit` items (all file items if nil; sprites: items 0..<limit, default
    /// `defaultSpriteCount`), as 32x32 images in [-1, 1] with class labels.
    public func load(limit: Int? = nil) throws -> LabeledImages {
        switch self {
        case let .sprites(seed, ranges):
            return SpriteGenerator(seed: seed, ranges: ranges)
                .sprites(0 ..< Swift.max(0, limit ?? DatasetSource.defaultSpriteCount)).labeled
        case let .mnist(split, directory):
            let fetcher = MNISTFetcher(dataDirectory: directory)
            try fetcher.fetch()
            return try fetcher.load(split).prefix(limit ?? Int.max)
        case let .idx(images, labels):
            let all = try DigitImages.load(images: images, labels: labels)
            return limit.map { all.prefix($0) } ?? all
        }
    }
}
