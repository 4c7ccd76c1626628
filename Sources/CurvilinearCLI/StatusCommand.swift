import ArgumentParser
import Foundation
import Pipeline

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List every stage of experiments as cached, stale or missing, with sizes.",
        discussion: """
        Lists the stages that `curvilinear report NAME` would run, for each experiment. \
        cached: the artifact for the current config is complete in runs/. stale: only an \
        artifact of an older config exists. missing: neither. Runs nothing.

        Examples:
          curvilinear status            every experiment
          curvilinear status sprites
        """
    )

    @Argument(help: "Experiment NAME or path to a .yaml file (default: every experiment).")
    var experiment: String?

    @OptionGroup var options: SharedOptions

    func run() throws {
        let library = options.library
        let experiments = try experiment.map { [try library.load($0)] } ?? library.loadAll()
        let session = options.session()
        let planned = try experiments.flatMap { try session.status([$0]) }
        let table = PipelineSession.formatStatus(planned, relativeTo: options.workingFolder)
        print(table)
    }
}
