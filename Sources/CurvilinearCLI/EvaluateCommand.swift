import ArgumentParser
import Foundation
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

    /// Runs the pipeline through `evaluate`, then prints, per experiment, where its
    /// results.json and tables (CSV, LaTeX) are and its headline table (metrics.csv).
    func run() throws {
        let session = options.session()
        let experiments = try selection.load(from: options.library)
        let summary = try session.run(experiments, through: .evaluate, editorNames: nil, force: force.stages)
        guard !options.quiet else { return }
        FileHandle.standardError.write(Data((summary.formatted(relativeTo: options.workingFolder) + "\n").utf8))
        for entry in summary.entries where entry.stage.hasSuffix("/evaluate") {
            print(EvaluateCommand.report(stage: entry.stage, folder: entry.folder, base: options.workingFolder))
        }
    }

    /// `STAGE: FOLDER/results.json (tables in FOLDER/tables/)` and the metrics table.
    static func report(stage: String, folder: URL, base: URL) -> String {
        var path = folder.standardizedFileURL.path
        let prefix = base.standardizedFileURL.path + "/"
        if path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
        var lines = ["\(stage): \(path)/results.json (tables in \(path)/tables/)"]
        for name in ["metrics.csv", "metrics_fixed_T.csv"] {
            let url = folder.appendingPathComponent("tables").appendingPathComponent(name)
            if let text = try? String(contentsOf: url, encoding: .utf8) {
                lines.append("\(name):")
                lines += text.split(separator: "\n").map { "  " + $0 }
            }
        }
        return lines.joined(separator: "\n")
    }
}
