import ArgumentParser
import Foundation
import Pipeline

/// The `curvilinear` command: one subcommand per file in this folder.
@main
struct Curvilinear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curvilinear",
        abstract: "Curvilinear latent editing: train, evaluate and publish editors for deep generative models.",
        discussion: """
        Every stage caches its artifact under runs/ by a hash of what determines it, so a \
        rerun does only what changed. Experiments are content/experiments/NAME.yaml.

        Examples:
          curvilinear report                  the default experiment (sprites)
          curvilinear report mnist --force editor
          curvilinear status                  what is cached, stale or missing
        """,
        version: CodeVersion.package,
        subcommands: [
            ReportCommand.self,
            DataCommand.self,
            TrainGANCommand.self,
            EvalGANCommand.self,
            TrainVAECommand.self,
            TrainEditorCommand.self,
            EvaluateCommand.self,
            RenderCommand.self,
            StatusCommand.self,
            SiteCommand.self,
            BenchCommand.self,
        ]
    )

    /// The stage work the commands run; tests swap in fake work.
    nonisolated(unsafe) static var catalog = StageCatalog.standard

    /// Parses, runs, and maps every outcome to an exit code (0 success,
    /// 1 failure, 2 usage error) with a one-line message instead of a trace.
    static func main() {
        signal(SIGINT, announceInterruption)
        signal(SIGTERM, announceInterruption)
        let code = CommandOutcome.execute(Array(CommandLine.arguments.dropFirst()))
        Foundation.exit(code)
    }
}

/// Ctrl-C or kill: end the progress bar's line and say how to resume, then exit
/// 128 + signal as shells expect. Nothing else needs undoing: unfinished artifacts
/// are temporary folders named by this pid, removed by the next run. Only
/// async-signal-safe calls (write, _exit).
private func announceInterruption(_ signal: Int32) {
    let message: StaticString = "\ninterrupted: run the same command again to resume after the last finished stage\n"
    _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
    _exit(128 + signal)
}
