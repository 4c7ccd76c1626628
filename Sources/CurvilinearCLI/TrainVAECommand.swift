import ArgumentParser
import Foundation
import Pipeline

struct TrainVAECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-vae",
        abstract: "Train a convolutional VAE whose decoder (dcgan32) is the experiment's generator.",
        discussion: """
        Uses the experiment's `generator` section (width, latent_dim) and its `train` budget \
        (steps, batch, lr, likelihood: gaussian | bernoulli; kind is taken as vae). Writes \
        generator.safetensors (the decoder), encoder.safetensors, manifest.json and samples.png \
        into --out, every `checkpoint_every` steps and at the end.

        Examples:
          curvilinear train-vae sprites --out models/runs/sprites-vae --threads 1
          curvilinear train-vae models/sprites-vae-dcgan32.yaml --out /tmp/vae --steps 100
        """
    )

    @OptionGroup var selection: ExperimentSelection
    @OptionGroup var options: SharedOptions

    @Option(help: "Folder for the checkpoints and samples.")
    var out: String

    @Option(help: "Override generator.train.steps.")
    var steps: Int?

    func validate() throws {
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        if selection.all { throw ValidationError("train-vae trains one experiment; name it instead of --all") }
    }

    func run() throws {
        let session = options.session()
        guard let config = try selection.load(from: options.library).first else { return }
        var generator = config.generator
        if generator.train == nil { generator.train = GANTrainConfig() }
        generator.train?.kind = "vae"
        if let steps { generator.train?.steps = steps }
        try GeneratorTraining.train(config, generator: generator, into: URL(fileURLWithPath: out), resume: false,
                                    progress: session.progress, threads: session.threads)
    }
}
