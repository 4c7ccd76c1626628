import ArgumentParser
import Foundation
import Generators
import Pipeline

struct TrainEditorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-editor",
        abstract: "Train an experiment's editors (after its dataset and generator).",
        discussion: """
        Without --out the editors are built into the artifact cache (after the \
        experiment's dataset and generator). With --out DIR and --generator FILE, \
        each selected editor of the experiment is trained on that generator \
        checkpoint into DIR/NAME instead (the same files as the editor stage: \
        editor.safetensors, reconstructor.safetensors, training.json, checkpoints/).

        Examples:
          curvilinear train-editor                          every editor of sprites
          curvilinear train-editor --editor curvilinear     one editor, by its name
          curvilinear train-editor --editor linear --force editor-linear
          curvilinear train-editor --generator models/sprites-dcgan32.safetensors --out /tmp/editors --editor warped
        """
    )

    @OptionGroup var selection: ExperimentSelection

    @Option(name: .customLong("editor"), help: ArgumentHelp("Train only this editor (its `name`, default its kind). Repeatable.",
                                                           valueName: "name"))
    var editors: [String] = []

    @Option(help: "With --out: the generator checkpoint (dcgan32 safetensors) to edit.")
    var generator: String?

    @Option(help: "Train into this folder (one subfolder per editor) instead of the artifact cache.")
    var out: String?

    @Option(help: "With --out: override the editors' `steps`.")
    var steps: Int?

    @OptionGroup var force: ForceOption
    @OptionGroup var options: SharedOptions

    func validate() throws {
        if (out == nil) != (generator == nil) { throw ValidationError("--out and --generator go together") }
        if out == nil, steps != nil { throw ValidationError("--steps needs --out DIR") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
    }

    func run() throws {
        guard let out, let generator else {
            try runPipeline(options, selection, through: .editors, force: force.stages,
                            editorNames: editors.isEmpty ? nil : editors)
            return
        }
        let session = options.session()
        let experiments = try selection.load(from: options.library)
        guard experiments.count == 1, let config = experiments.first else {
            throw ValidationError("--out trains one experiment's editors; name it instead of --all")
        }
        let chosen = config.editors.filter { editors.isEmpty || editors.contains($0.name) }
        let unknown = editors.filter { name in !config.editors.contains { $0.name == name } }
        guard unknown.isEmpty else {
            throw ValidationError("no editor named \(unknown.joined(separator: ", ")) in \(config.name); "
                                  + "it has \(config.editors.map(\.name).joined(separator: ", "))")
        }
        let (g, _) = try GeneratorFile.load(from: URL(fileURLWithPath: generator))
        for var editor in chosen {
            if let steps { editor.steps = steps }
            // The seed the editor stage of `report` derives for this editor, so both train the
            // same editor; the folder is built beside OUT/NAME and renamed in whole, so a
            // failed run leaves no half folder and a rerun no stale seeds/seed-S.
            let local = "editor-\(editor.name)"
            let folder = URL(fileURLWithPath: out).appendingPathComponent(editor.name)
            try AtomicWrite.writeFolder(at: folder) { temporary in
                try EditorStage.build(editor, generator: g, seed: StageSeed.derive(master: config.seed, stage: local),
                                      stageName: "\(config.name)/\(local)", progress: session.progress,
                                      threads: session.threads, outputDir: temporary)
            }
        }
    }
}
