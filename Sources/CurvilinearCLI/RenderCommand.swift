import ArgumentParser
import Foundation
import Pipeline

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render an experiment's figures: traversal strips, commutativity grids, charts, slider frames.",
        discussion: """
        Runs what rendering needs first (dataset, generator, editors, evaluate), then exports each \
        experiment's results.json and figures to --results-dir in the artifact-contract layout, \
        where `curvilinear site` reads by default.

        Examples:
          curvilinear render
          curvilinear render mnist --force render
          curvilinear render && curvilinear site
        """
    )

    @OptionGroup var selection: ExperimentSelection
    @OptionGroup var force: ForceOption

    @Option(name: .customLong("results-dir"), help: ArgumentHelp(
        "Results folder the rendered experiments are exported to (default: RUNS-DIR/results, the default of `curvilinear site --results`).",
        valueName: "dir"))
    var resultsDir: String?

    @OptionGroup var options: SharedOptions

    func run() throws {
        let session = options.session()
        let experiments = try selection.load(from: options.library)
        let summary = try session.run(experiments, through: .render, editorNames: nil, force: force.stages)
        let root = resultsDir.map { URL(fileURLWithPath: $0) }
            ?? RenderExport.defaultRoot(runsFolder: URL(fileURLWithPath: options.runsDir))
        let exported = try RenderExport.export(summary, to: root)
        guard !options.quiet else { return }
        FileHandle.standardError.write(Data((summary.formatted(relativeTo: options.workingFolder) + "\n").utf8))
        for e in exported {
            print("\(e.stage): \(e.figures) figures in \(show(e.artifact))/figures; exported to \(show(e.exported))")
        }
        print("publish: curvilinear site --results \(show(root))")
    }

    /// A path relative to the working folder when inside it.
    func show(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, base = options.workingFolder.standardizedFileURL.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
