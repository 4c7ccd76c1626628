import Datasets
import Evaluation
import Foundation
import Generators
import Tensor

/// Generator quality of an experiment's generator (`eval-gan`, quality.json): Frechet
/// distance in identity-classifier feature space between `samples` generated and as many
/// real images, beside the figure for two disjoint real halves; for sprites also each
/// attribute's W1 in units of its real std and the clean-sprite rate.
public enum GeneratorEvaluation {
    /// Held-out sprites start here, far past any training set (`dataset.count` <= 10^6).
    public static let heldOutSprites = 10_000_000

    /// How the identity classifier of a dataset is named and trained.
    public struct ClassifierRecipe {
        public var name: String
        public var options: IdentityClassifiers.Options
        /// The classes' names in label order, or nil when the labels are bare numbers of unknown meaning.
        public var classNames: [String]?
        /// (train, test, classes), loaded only when the classifier must be trained.
        public var data: () throws -> (train: LabeledImages, test: LabeledImages, classes: Int)
    }

    public static func classifierRecipe(for dataset: DatasetConfig) -> ClassifierRecipe {
        var options = IdentityClassifiers.Options()
        // Both are trained to ignore a mild blur and pixel noise (`Perturbation`): without them
        // the classifier's class and confidence changed on images whose shape had not, and
        // counted those changes as identity errors and unsure samples (models/README.md).
        options.perturbation = Perturbation(blur: 1, noise: 0.1)
        switch dataset.kind {
        case .sprites:
            options.seed = 7
            options.epochs = 20                  // shape needs longer than digits: the loss sits at ln 3 for a while
            return ClassifierRecipe(name: "sprites-shape-lenet", options: options,
                                    classNames: SpriteShape.allCases.map(\.name)) {
                // Its own sprite seed, so it never saw the GAN's training images.
                let generator = SpriteGenerator(seed: 7_000_007)
                return (generator.sprites(0..<20_000).labeled, generator.sprites(20_000..<25_000).labeled,
                        SpriteShape.allCases.count)
            }
        default:
            options.epochs = 5                   // the perturbations slow learning: 2 epochs were enough for clean digits
            let mnist = dataset.kind == .mnist && dataset.images == nil
            return ClassifierRecipe(name: mnist ? "mnist-digit-lenet" : "idx-lenet", options: options,
                                    classNames: mnist ? (0...9).map(String.init) : nil) {
                let source = try GeneratorTraining.source(of: dataset, seed: 0)
                guard case .mnist = source else {
                    let all = try source.load()
                    let cut = all.count * 5 / 6
                    return (all.gathering(Array(0..<cut)), all.gathering(Array(cut..<all.count)),
                            (all.labels.max() ?? 0) + 1)
                }
                let fetcher = MNISTFetcher()
                try fetcher.fetch()
                return (try fetcher.load(.train), try fetcher.load(.test), 10)
            }
        }
    }

    /// The identity classifier of a dataset, from `folder` or trained there.
    public static func classifier(for dataset: DatasetConfig, folder: URL, progress: ProgressReporter)
        throws -> (LeNetClassifier, IdentityClassifiers.Report) {
        let recipe = classifierRecipe(for: dataset)
        return try IdentityClassifiers.loadOrTrain(name: recipe.name, folder: folder, options: recipe.options,
                                                   progress: StageTrainingProgress(reporter: progress, label: "identity classifier"),
                                                   data: recipe.data)
    }

    /// The identity classifier the `identity` stage left in `folder`; never trains.
    public static func storedClassifier(for dataset: DatasetConfig, folder: URL) throws -> (LeNetClassifier, IdentityClassifiers.Report) {
        let recipe = classifierRecipe(for: dataset)
        return try IdentityClassifiers.loadOrTrain(name: recipe.name, folder: folder, options: recipe.options) {
            throw PipelineError.readFailed(path: folder.appendingPathComponent(recipe.name + ".safetensors").path,
                                           reason: "the identity artifact's classifier \(recipe.name) is missing or was made by "
                                               + "another recipe than this code's; rerun with --force identity")
        }
    }

    /// Two disjoint real sets of `count` images each.
    public static func realHalves(of dataset: DatasetConfig, dataSeed: Int, count: Int) throws -> (ImageBatch, ImageBatch) {
        if dataset.kind == .sprites {
            let generator = SpriteGenerator(seed: UInt64(dataSeed))
            let start = heldOutSprites
            return (generator.sprites(start..<start + count).labeled.images,
                    generator.sprites(start + count..<start + 2 * count).labeled.images)
        }
        let source = try GeneratorTraining.source(of: dataset, seed: dataSeed)
        if case .mnist = source {
            let fetcher = MNISTFetcher()
            try fetcher.fetch()
            return (try fetcher.load(.train).prefix(count).images, try fetcher.load(.test).prefix(count).images)
        }
        let all = try source.load()
        let n = Swift.min(count, all.count / 2)
        guard n >= 2 else {   // a Frechet distance needs two images on each side
            throw PipelineError.readFailed(path: dataset.images ?? dataset.kind.rawValue,
                                           reason: "holds \(all.count) images; the generator's quality figures need at least 4")
        }
        return (all.gathering(Array(0..<n)).images, all.gathering(Array(n..<2 * n)).images)
    }

    /// `classifier`: the dataset's identity classifier (`classifier(for:)` or `storedClassifier(for:)`).
    public static func evaluate(_ generator: DCGAN32Generator, dataset: DatasetConfig, dataSeed: Int, samples: Int,
                                classifier: (LeNetClassifier, IdentityClassifiers.Report), progress: ProgressReporter,
                                threads: Int = 1) throws -> GeneratorQualityReport {
        BLAS.setThreads(threads)
        let (classifier, report) = classifier
        progress.log("generating \(samples) samples and loading \(2 * samples) real images")
        let generated = GeneratorQuality.samples(of: generator, count: samples, seed: 0xE7A1)
        let (real, holdout) = try realHalves(of: dataset, dataSeed: dataSeed, count: samples)
        let sprites = dataset.kind == .sprites
        progress.log("measuring features\(sprites ? ", attributes and clean-sprite checks" : "")")
        return GeneratorQuality.evaluate(generated: generated, real: real, realHoldout: holdout, classifier: classifier,
                                         classifierName: report.name, classifierAccuracy: report.testAccuracy,
                                         measurers: sprites ? AttributeMeasurers.sprites : [], sprites: sprites)
    }

    /// Human summary of a report, one figure per line.
    public static func summary(_ q: GeneratorQualityReport) -> String {
        func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
        var lines = [
            "Frechet distance (\(q.classifier) features): \(f(q.frechetDistance)) generated vs real, "
                + "\(f(q.realVsRealFrechetDistance)) real vs real (ratio \(f(q.frechetRatio, 2)); \(q.samples) vs \(q.realSamples) images)",
            "classifier confidence >= 0.9: \(f(100 * q.confident, 1))% of samples\(q.realConfident.map { " (real held-out \(f(100 * $0, 1))%)" } ?? ""); classes \(q.classFractions.map { f($0, 3) }) (real \(q.realClassFractions.map { f($0, 3) }))",
        ]
        for a in q.attributes {
            lines.append("W1 \(a.key) (\(a.name)): \(f(a.w1InStd)) std  (real \(f(a.realMean, 2)) ± \(f(a.realStd, 2)), generated \(f(a.generatedMean, 2)) ± \(f(a.generatedStd, 2)))")
        }
        if let c = q.clean {
            lines.append("clean sprites: \(f(100 * c.rate, 1))% (flat background \(f(100 * c.flatBackground, 1))%, one hue \(f(100 * c.oneHue, 1))%, one component \(f(100 * c.oneComponent, 1))%; real held-out \(f(100 * c.realRate, 1))%)")
        }
        return lines.joined(separator: "\n")
    }
}
