import ArgumentParser
import Pipeline

struct TrainGANCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-gan",
        abstract: "Load or train an experiment's generator (and its dataset first).",
        discussion: """
        With `generator.checkpoint` the checkpoint is loaded; otherwise a GAN is trained \
        with the budget in `generator.train`.

        Examples:
          curvilinear train-gan
          curvilinear train-gan mnist --threads 2
        """
    )

    @OptionGroup var selection: ExperimentSelection
    @OptionGroup var force: ForceOption
    @OptionGroup var options: SharedOptions

    func run() throws {
        try runPipeline(options, selection, through: .generator, force: force.stages)
    }
}
