import ArgumentParser
import Pipeline

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Build (or fetch) an experiment's dataset.",
        discussion: """
        Examples:
          curvilinear data                  the sprites of the default experiment
          curvilinear data mnist --force data
        """
    )

    @OptionGroup var selection: ExperimentSelection
    @OptionGroup var force: ForceOption
    @OptionGroup var options: SharedOptions

    func run() throws {
        try runPipeline(options, selection, through: .data, force: force.stages)
    }
}
