import ArgumentParser
import Foundation
import Pipeline

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Build (or fetch) an experiment's dataset.",
        discussion: """
        Examples:
          curvilinear data                  the sprites of the default experiment
          curvilinear data mnist --force data
          curvilinear data fetch mnist --data-dir data
        """,
        subcommands: [DataBuildCommand.self, DataFetchCommand.self],
        defaultSubcommand: DataBuildCommand.self
    )
}

/// `curvilinear data [EXPERIMENT]`: the pipeline's data stage.
struct DataBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Run an experiment's data stage (summary, sample grid; fetches MNIST if needed)."
    )

    @OptionGroup var selection: ExperimentSelection
    @OptionGroup var force: ForceOption
    @OptionGroup var options: SharedOptions

    func run() throws {
        try runPipeline(options, selection, through: .data, force: force.stages)
    }
}

/// `curvilinear data fetch mnist`: downloads and verifies a dataset into the data folder.
struct DataFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download and verify a dataset (mnist) into the data folder.",
        discussion: """
        The folder is --data-dir, else $CURVILINEAR_DATA_DIR, else ./data; MNIST lands in \
        its mnist/ subfolder as IDX.gz files. Nothing is downloaded if they are there already.
        """
    )

    @Argument(help: "Dataset to fetch: mnist.")
    var dataset: String

    @Option(name: .customLong("data-dir"), help: "Data folder (default: $CURVILINEAR_DATA_DIR or ./data).")
    var dataDir: String?

    @Flag(help: "Download again even if the files are there.")
    var force = false

    func validate() throws {
        guard dataset == "mnist" else { throw ValidationError("can fetch 'mnist' only, got '\(dataset)'") }
    }

    func run() throws {
        let report = try DatasetFetch.mnist(dataDirectory: dataDir.map { URL(fileURLWithPath: $0, isDirectory: true) },
                                            force: force)
        print(report)
    }
}
