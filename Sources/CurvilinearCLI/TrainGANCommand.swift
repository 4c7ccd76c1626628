import ArgumentParser
import Foundation
import Generators
import Pipeline

struct TrainGANCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-gan",
        abstract: "Load or train an experiment's generator (and its dataset first).",
        discussion: """
        With `generator.checkpoint` the checkpoint is loaded; otherwise a GAN is trained \
        with the budget in `generator.train`, into the artifact cache.

        With --out DIR the GAN of the experiment's `generator.train` is trained into DIR \
        instead (checkpoints every `checkpoint_every` steps: training.safetensors, \
        generator.safetensors, manifest.json, samples.png); --resume continues from the \
        checkpoint in DIR and computes the same losses as an uninterrupted run.

        Examples:
          curvilinear train-gan
          curvilinear train-gan mnist --threads 2
          curvilinear train-gan sprites --out models/runs/sprites --threads 1
          curvilinear train-gan sprites --out models/runs/sprites --resume
        """
    )

    @OptionGroup var selection: ExperimentSelection
    @OptionGroup var force: ForceOption
    @OptionGroup var options: SharedOptions

    @Option(help: "Train into this folder instead of the artifact cache.")
    var out: String?

    @Flag(help: "With --out: continue from the checkpoint in the folder.")
    var resume = false

    @Option(help: "With --out: override generator.train.steps.")
    var steps: Int?

    func validate() throws {
        if out == nil, resume { throw ValidationError("--resume needs --out DIR (the folder holding the checkpoint)") }
        if out == nil, steps != nil { throw ValidationError("--steps needs --out DIR") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
    }

    func run() throws {
        guard let out else {
            try runPipeline(options, selection, through: .generator, force: force.stages)
            return
        }
        let session = options.session()
        let experiments = try selection.load(from: options.library)
        guard experiments.count == 1, let config = experiments.first else {
            throw ValidationError("--out trains one experiment; name it instead of --all")
        }
        var generator = config.generator
        if generator.train == nil { generator.train = GANTrainConfig() }
        if let steps { generator.train?.steps = steps }
        let folder = URL(fileURLWithPath: out)
        try GeneratorTraining.train(config, generator: generator, into: folder, resume: resume,
                                    progress: session.progress, threads: session.threads)
    }
}
