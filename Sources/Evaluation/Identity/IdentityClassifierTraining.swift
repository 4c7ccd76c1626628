import Datasets
import Foundation
import Generators
import NN
import Tensor

/// Training and caching of the identity classifiers.
///
/// Cache: `<folder>/<name>.safetensors` (the LeNet, PyTorch names) beside `<name>.json`
/// (the report below, with the options that trained it). A cached pair whose options
/// match is loaded; otherwise the classifier is trained (Adam, cross-entropy, seeded
/// shuffled epochs) and both files are written atomically.
public enum IdentityClassifiers {
    public struct Options: Codable, Sendable, Equatable {
        public var epochs = 2
        public var batch = 64
        public var learningRate: Float = 1e-3
        public var seed: UInt64 = 0
        /// Shape-preserving perturbations applied to every training batch (nil: none).
        /// Omitted from the JSON when nil, so a cached classifier trained without them still matches.
        public var perturbation: Perturbation? = nil
        public init() {}
    }

    public struct Report: Codable, Sendable, Equatable {
        public var name: String
        public var classes: Int
        public var channels: Int
        public var trainCount: Int
        public var testCount: Int
        /// Fraction of held-out images classified correctly.
        public var testAccuracy: Double
        /// The same once every held-out image is perturbed at full strength (`Perturbation.atFullStrength`
        /// with the options' perturbation): how far the classifier ignores them. nil without one.
        public var perturbedAccuracy: Double? = nil
        public var options: Options
        public var wallSeconds: Double

        /// "held-out accuracy 0.9998 (perturbed 0.9986)", for logs.
        public var accuracySummary: String {
            "held-out accuracy \(String(format: "%.4f", testAccuracy))"
                + (perturbedAccuracy.map { " (perturbed \(String(format: "%.4f", $0)))" } ?? "")
        }
    }

    /// Trains a classifier on `train` and measures it on `test`.
    public static func train(name: String, train: LabeledImages, test: LabeledImages, classes: Int, options: Options,
                             progress: TrainingProgress = SilentTrainingProgress()) throws -> (LeNetClassifier, Report) {
        guard train.count > 0, test.count > 0 else { throw GANTrainingError.emptyDataset }
        let start = Date()
        var rng = RNG(seed: options.seed)
        let model = LeNetClassifier(channels: train.images.channels, classes: classes, rng: &rng)
        let optimizer = Adam(model.parameters(), learningRate: options.learningRate)
        var batches = ShuffledBatches(train, batchSize: options.batch, seed: options.seed)
        var perturbationRNG = RNG(seed: options.seed ^ Self.perturbationStream)
        let steps = options.epochs * batches.batchesPerEpoch
        var recent: [Double] = []
        model.train()
        for step in 1...Swift.max(steps, 1) {
            guard let batch = batches.next() else { break }
            var pixels = batch.images.pixels
            options.perturbation?.apply(&pixels, count: batch.images.count, channels: batch.images.channels,
                                        side: batch.images.width, rng: &perturbationRNG)
            let x = Tensor(pixels, shape: batch.images.shape)
            optimizer.zeroGrad()
            let loss = crossEntropy(model(x), batch.labels)
            let value = loss.item
            guard value.isFinite else {
                throw GANTrainingError.nonFiniteLoss(step: step, losses: "cross-entropy \(value)", lastCheckpoint: nil)
            }
            loss.backward()
            optimizer.step()
            recent.append(Double(value))
            if recent.count > 50 { recent.removeFirst() }
            progress.trainingStep(step, of: steps, fields: [("loss", recent.reduce(0, +) / Double(recent.count))])
        }
        progress.trainingFinished()
        let accuracy = self.accuracy(model, test)
        let perturbedAccuracy = options.perturbation.map { self.accuracy(model, Self.perturbed(test, by: $0, seed: options.seed)) }
        let report = Report(name: name, classes: classes, channels: train.images.channels, trainCount: train.count,
                            testCount: test.count, testAccuracy: accuracy, perturbedAccuracy: perturbedAccuracy, options: options,
                            wallSeconds: Date().timeIntervalSince(start))
        return (model, report)
    }

    /// Seeds the perturbation noise apart from the batch order (both derive from `options.seed`).
    static let perturbationStream: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// Seeds the noise of `perturbed(_:by:seed:)` (held-out figures) apart from the training noise.
    static let heldOutPerturbationStream: UInt64 = perturbationStream ^ 1

    /// `data` with every image perturbed at full strength, from a fixed stream of `seed`.
    public static func perturbed(_ data: LabeledImages, by perturbation: Perturbation, seed: UInt64) -> LabeledImages {
        var rng = RNG(seed: seed ^ heldOutPerturbationStream)
        var out = data
        out.images.pixels = perturbation.atFullStrength(data.images.pixels, count: data.count, channels: data.images.channels,
                                                        side: data.images.width, rng: &rng)
        return out
    }

    /// Fraction of `data` whose most probable class is its label.
    public static func accuracy(_ model: LeNetClassifier, _ data: LabeledImages) -> Double {
        let probabilities = model.evaluate(data.images.pixels, count: data.count).probabilities
        var correct = 0
        for i in 0..<data.count {
            let row = probabilities[i * model.classes ..< (i + 1) * model.classes]
            if let best = row.indices.max(by: { row[$0] < row[$1] }), best - i * model.classes == data.labels[i] { correct += 1 }
        }
        return Double(correct) / Double(Swift.max(data.count, 1))
    }

    /// The cached classifier `name` in `folder`, or a freshly trained one (then cached).
    /// `data` supplies (train, test, classes) only when training is needed.
    public static func loadOrTrain(name: String, folder: URL, options: Options,
                                   progress: TrainingProgress = SilentTrainingProgress(),
                                   data: () throws -> (train: LabeledImages, test: LabeledImages, classes: Int))
        throws -> (LeNetClassifier, Report) {
        let weights = folder.appendingPathComponent("\(name).safetensors")
        let reportURL = folder.appendingPathComponent("\(name).json")
        if let report = try? decodeJSON(Report.self, from: Data(contentsOf: reportURL)), report.options == options,
           FileManager.default.fileExists(atPath: weights.path) {
            var rng = RNG(seed: options.seed)
            let model = LeNetClassifier(channels: report.channels, classes: report.classes, rng: &rng)
            do {
                try model.load(from: weights)
            } catch {
                throw GANTrainingError.checkpointUnreadable(file: weights.path, reason: "\(error); delete it to retrain")
            }
            model.eval()
            return (model, report)
        }
        let (train, test, classes) = try data()
        let (model, report) = try self.train(name: name, train: train, test: test, classes: classes, options: options,
                                             progress: progress)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try model.save(to: weights, metadata: ["arch": "lenet_classifier", "classes": String(classes),
                                               "test_accuracy": String(report.testAccuracy)])
        try writeAtomically(try encodeJSON(report), to: reportURL)
        model.eval()
        return (model, report)
    }
}
