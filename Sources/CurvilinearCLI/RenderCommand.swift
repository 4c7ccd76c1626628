import ArgumentParser
import Pipeline

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render an experiment's figures: traversal strips, commutativity grids, charts, slider frames.",
        discussion: """
        Examples:
          curvilinear render
          curvilinear render mnist --force render
        """
    )

    @OptionGroup var selection: ExperimentSelection
    @OptionGroup var force: ForceOption
    @OptionGroup var options: SharedOptions

    func run() throws {
        try runPipeline(options, selection, through: .render, force: force.stages)
    }
}
