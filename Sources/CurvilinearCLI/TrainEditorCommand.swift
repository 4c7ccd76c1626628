import ArgumentParser
import Pipeline

struct TrainEditorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-editor",
        abstract: "Train an experiment's editors (after its dataset and generator).",
        discussion: """
        Examples:
          curvilinear train-editor                          every editor of sprites
          curvilinear train-editor --editor curvilinear     one editor, by its name
          curvilinear train-editor --editor linear --force editor-linear
        """
    )

    @OptionGroup var selection: ExperimentSelection

    @Option(name: .customLong("editor"), help: ArgumentHelp("Train only this editor (its `name`, default its kind). Repeatable.",
                                                           valueName: "name"))
    var editors: [String] = []

    @OptionGroup var force: ForceOption
    @OptionGroup var options: SharedOptions

    func run() throws {
        try runPipeline(options, selection, through: .editors, force: force.stages,
                        editorNames: editors.isEmpty ? nil : editors)
    }
}
