import Foundation
import Generators

/// The `quality` stage: how close the generator's images are to the data (issue 4,
/// item 6), measured in the identity classifier's features. Artifact files:
///
///     quality.json   `GeneratorQualityReport`: Frechet distance in identity-classifier
///                    features vs real (and real vs real), classifier confidence, and for
///                    sprites per-attribute W1 / sigma and the clean-sprite rate
///     manifest.json  written by the runner
///
/// Inputs: the data (which real images), the identity classifier and the generator.
public enum QualityStage {
    public static let file = "quality.json"

    public static func run(_ section: QualitySection, context: StageContext, outputDir: URL) throws {
        let record = try DataStage.record(in: try context.input("data"))
        let weights = try context.input("generator").appendingPathComponent("generator.safetensors")
        let generator: DCGAN32Generator
        do {
            generator = try GeneratorFile.load(from: weights).0
        } catch {
            throw PipelineError.readFailed(path: weights.path, reason: "\(error); rerun with --force generator")
        }
        let classifier = try GeneratorEvaluation.storedClassifier(for: record.dataset, folder: try context.input("identity"))
        let quality = try GeneratorEvaluation.evaluate(
            generator, dataset: record.dataset, dataSeed: record.seed, samples: section.samples ?? Defaults.qualitySamples,
            classifier: classifier, progress: context.progress, threads: context.threads)
        context.progress.log(GeneratorEvaluation.summary(quality))
        try GeneratorArtifact.writeJSON(quality, to: outputDir.appendingPathComponent(file))
    }
}
