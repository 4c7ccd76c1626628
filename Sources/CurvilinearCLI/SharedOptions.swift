import ArgumentParser
import Foundation
import Pipeline

/// Flags every command takes.
struct SharedOptions: ParsableArguments {
    @Option(name: .customLong("runs-dir"), help: "Artifact cache folder.")
    var runsDir = "runs"

    @Option(name: .customLong("experiments-dir"), help: "Folder of experiment configs (NAME.yaml).")
    var experimentsDir = "content/experiments"

    @Flag(help: "Print only errors: no progress, no summary.")
    var quiet = false

    @Option(help: "Threads for the numeric work (default: every core).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    var workingFolder: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }

    var library: ExperimentLibrary { ExperimentLibrary(folder: URL(fileURLWithPath: experimentsDir)) }

    func session(siteDir: String = "site") -> PipelineSession {
        let threads = self.threads ?? ProcessInfo.processInfo.activeProcessorCount
        return PipelineSession(runsFolder: URL(fileURLWithPath: runsDir), siteFolder: URL(fileURLWithPath: siteDir),
                               workingFolder: workingFolder, catalog: Curvilinear.catalog,
                               progress: .standard(quiet: quiet), threads: threads)
    }
}

/// Which experiments a command works on: one by name (default sprites) or `--all`.
struct ExperimentSelection: ParsableArguments {
    @Argument(help: "Experiment: NAME of content/experiments/NAME.yaml, or a path to a .yaml file (default: sprites).")
    var experiment: String?

    @Flag(help: "Every experiment in the experiments folder.")
    var all = false

    func validate() throws {
        if all, let experiment { throw ValidationError("give an experiment name or --all, not both (got '\(experiment)')") }
    }

    func load(from library: ExperimentLibrary) throws -> [ExperimentConfig] {
        all ? try library.loadAll() : [try library.load(experiment ?? "sprites")]
    }
}

/// `--force STAGE`, repeatable.
struct ForceOption: ParsableArguments {
    @Option(name: .customLong("force"), help: ArgumentHelp(
        "Rerun STAGE even if cached, and every stage after it that reads its output: data, identity, generator, editor (every editor), editor-NAME, evaluate, render, site. Repeatable.",
        valueName: "stage"))
    var stages: [String] = []
}

/// Runs experiments up to a target and prints the summary: the body of
/// every stage command.
func runPipeline(_ options: SharedOptions, _ selection: ExperimentSelection, through target: StageTarget,
                 force: [String], editorNames: [String]? = nil, siteDir: String = "site") throws {
    let session = options.session(siteDir: siteDir)
    let experiments = try selection.load(from: options.library)
    let summary = try session.run(experiments, through: target, editorNames: editorNames, force: force)
    guard !options.quiet else { return }
    FileHandle.standardError.write(Data((summary.formatted(relativeTo: options.workingFolder) + "\n").utf8))
    // The one result line on stdout: a link a terminal or browser opens as is.
    if let site = summary.site {
        let index = URL(fileURLWithPath: site.appendingPathComponent("index.html").path, relativeTo: options.workingFolder)
        print("open \(index.standardizedFileURL.absoluteString)")
    }
}
