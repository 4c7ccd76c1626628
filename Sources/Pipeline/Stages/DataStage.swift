import Datasets
import Evaluation
import Foundation

/// The `data` stage: makes sure the dataset is available (fetching MNIST if needed) and
/// summarises it. Artifact files:
///
///     dataset.json   the dataset config and the seed the sprites were drawn with (what
///                    the generator stage loads: `GeneratorTraining.images(of:seed:)`)
///     summary.json   image count, channels, class counts, and per attribute of the
///                    dataset's measurers its mean and std (dispersion for circular ones)
///                    over the first `summaryImages` images: the sigma_j of evaluation
///     samples.png    an 8 x 8 grid of the first real images
public enum DataStage {
    public static let summaryImages = 5000

    public struct DatasetRecord: Codable, Sendable, Equatable {
        public var dataset: DatasetConfig
        public var seed: Int
    }

    public struct Summary: Codable, Sendable, Equatable {
        public struct Attribute: Codable, Sendable, Equatable {
            public var key: String
            public var name: String
            public var unit: String
            public var mean: Double
            public var std: Double
            public var circular: Bool
        }

        public var kind: String
        public var count: Int
        public var channels: Int
        public var classCounts: [Int]
        public var measuredImages: Int
        public var attributes: [Attribute]
    }

    public static func run(_ section: DataSection, context: StageContext, outputDir: URL) throws {
        for (path, planned) in section.files.sorted(by: { $0.key < $1.key }) {
            try FileFingerprint.verify(path.hasPrefix("/") ? URL(fileURLWithPath: path) : context.workingFolder.appendingPathComponent(path),
                                       planned: planned)
        }
        let images = try GeneratorTraining.images(of: section.dataset, seed: context.seed)
        try GeneratorArtifact.writeJSON(DatasetRecord(dataset: section.dataset, seed: context.seed),
                                        to: outputDir.appendingPathComponent("dataset.json"))
        try GeneratorArtifact.writeJSON(summary(images, dataset: section.dataset),
                                        to: outputDir.appendingPathComponent("summary.json"))
        try SampleGrid.write(images.prefix(64).images, to: outputDir.appendingPathComponent("samples.png"))
    }

    public static func summary(_ images: LabeledImages, dataset: DatasetConfig) -> Summary {
        let measured = images.prefix(summaryImages).images
        let measurers = AttributeMeasurers.set(named: dataset.measurers.rawValue) ?? []
        let attributes = measurers.map { m -> Summary.Attribute in
            let values = m.measure(measured)
            let mean = m.period.map { CircularMean.of(values, period: $0) } ?? values.reduce(0, +) / Double(Swift.max(values.count, 1))
            return .init(key: m.key, name: m.name, unit: m.unit, mean: mean, std: m.dispersion(values), circular: m.isCircular)
        }
        var counts = [Int](repeating: 0, count: (images.labels.max() ?? -1) + 1)
        for l in images.labels where l >= 0 { counts[l] += 1 }
        return Summary(kind: dataset.kind.rawValue, count: images.count, channels: images.images.channels,
                       classCounts: counts, measuredImages: measured.count, attributes: attributes)
    }

    /// Loads what the data stage wrote.
    public static func record(in folder: URL) throws -> DatasetRecord {
        let url = folder.appendingPathComponent("dataset.json")
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(DatasetRecord.self, from: Data(contentsOf: url))
        } catch {
            throw PipelineError.readFailed(path: url.path, reason: "\(error); rerun with --force data")
        }
    }
}

/// Circular mean in [0, period).
enum CircularMean {
    static func of(_ values: [Double], period: Double) -> Double {
        var s = 0.0, c = 0.0
        for v in values { let a = v / period * 2 * Double.pi; s += sin(a); c += cos(a) }
        var m = atan2(s, c) / (2 * Double.pi) * period
        if m < 0 { m += period }
        return m
    }
}
