import ArgumentParser
import Pipeline

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure every editor of an experiment and write results.json.",
        discussion: """
        Runs what evaluation needs first (dataset, generator, editors).

        Examples:
          curvilinear evaluate
          curvilinear evaluate --all --force evaluate
        """
    )

    @OptionGroup var selection: ExperimentSelection
    @OptionGroup var force: ForceOption
    @OptionGroup var options: SharedOptions

    func run() throws {
        try runPipeline(options, selection, through: .evaluate, force: force.stages)
    }
}
