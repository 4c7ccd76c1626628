import ArgumentParser

/// The `curvilinear` command: one subcommand per file in this folder.
@main
struct Curvilinear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curvilinear",
        abstract: "Curvilinear latent editing: train, evaluate and publish editors for deep generative models.",
        version: "0.1.0",
        subcommands: [
            BenchCommand.self,
            SiteCommand.self,
        ]
    )
}
