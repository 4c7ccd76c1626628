import ArgumentParser
import Foundation
import Generators
import Pipeline

struct EvalGANCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-gan",
        abstract: "Measure a generator's quality against the experiment's real images.",
        discussion: """
        Reports the Frechet distance in identity-classifier feature space between generated \
        and real images beside the real-vs-real figure, the classifier's confidence on the \
        samples beside its confidence on held-out real images, and for sprites each \
        attribute's Wasserstein-1 distance (in units of its real std) and the clean-sprite \
        rate. The identity classifier is trained once and cached in --classifier-dir.

        Examples:
          curvilinear eval-gan sprites --checkpoint models/sprites-dcgan32.safetensors
          curvilinear eval-gan mnist --checkpoint models/mnist-dcgan32.safetensors --out quality.json
        """
    )

    @OptionGroup var selection: ExperimentSelection
    @OptionGroup var options: SharedOptions

    @Option(help: "Generator safetensors (default: the experiment's generator.checkpoint).")
    var checkpoint: String?

    @Option(help: "Generated and real images compared.")
    var samples = 10_000

    @Option(name: .customLong("classifier-dir"), help: "Where identity classifiers are cached.")
    var classifierDir = "models/identity"

    @Option(help: "Also write the report as JSON here.")
    var out: String?

    func validate() throws {
        if samples < 10 { throw ValidationError("--samples must be at least 10, got \(samples)") }
        if selection.all { throw ValidationError("eval-gan measures one experiment; name it instead of --all") }
    }

    func run() throws {
        let session = options.session()
        guard let config = try selection.load(from: options.library).first else { return }
        guard let path = checkpoint ?? config.generator.checkpoint else {
            throw ValidationError("experiment \(config.name) has no generator.checkpoint; give --checkpoint FILE")
        }
        let (generator, _) = try GeneratorFile.load(from: URL(fileURLWithPath: path))
        try GeneratorStage.checkChannels(of: generator, file: path, dataset: config.dataset)
        let classifier = try GeneratorEvaluation.classifier(for: config.dataset, folder: URL(fileURLWithPath: classifierDir),
                                                            progress: session.progress)
        session.progress.log("identity classifier \(classifier.1.name): \(classifier.1.accuracySummary)")
        let report = try GeneratorEvaluation.evaluate(
            generator, dataset: config.dataset, dataSeed: StageSeed.derive(master: config.seed, stage: "data"),
            samples: samples, classifier: classifier, progress: session.progress, threads: session.threads)
        print(GeneratorEvaluation.summary(report))
        if let out {
            try GeneratorArtifact.writeJSON(report, to: URL(fileURLWithPath: out))
        }
    }
}
