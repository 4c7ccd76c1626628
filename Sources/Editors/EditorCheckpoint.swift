import Foundation
import NN
import Tensor

/// A training checkpoint in one safetensors file, so it is replaced
/// atomically as a whole: the editor's state under `editor.`, the
/// reconstructor's under `reconstructor.`, Adam's moments and step under
/// `adam.`, and in `__metadata__` the step reached, the editor type and the
/// training log so far (JSON).
public enum EditorCheckpoint {
    static let editorPrefix = "editor.", reconstructorPrefix = "reconstructor.", optimizerPrefix = "adam."

    static func write(to url: URL, editor: any LatentEditor, reconstructor: Reconstructor, optimizer: ResumableAdam,
                      step: Int, log: [TrainingMetrics]) throws {
        var file = SafetensorsFile()
        for (name, t) in editor.storedState().tensors { file.tensors[editorPrefix + name] = t }
        for (name, t) in reconstructor.storedState().tensors { file.tensors[reconstructorPrefix + name] = t }
        file.tensors.merge(optimizer.storedState(prefix: optimizerPrefix), uniquingKeysWith: { $1 })
        let logJSON = (try? JSONEncoder().encode(log)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
        file.metadata = ["step": String(step), "editor_type": editorTypeName(editor), "log": logJSON]
        try file.write(to: url)
    }

    /// Loads the state into `editor`, `reconstructor` and `optimizer`; returns the step reached and the log.
    static func resume(from url: URL, editor: any LatentEditor, reconstructor: Reconstructor,
                       optimizer: ResumableAdam) throws -> (step: Int, log: [TrainingMetrics]) {
        let file = try SafetensorsFile.read(from: url)
        guard file.metadata["editor_type"] == editorTypeName(editor) else {
            throw EditorError.checkpointMismatch(file: url.path, reason: "it holds a \(file.metadata["editor_type"] ?? "unknown") editor, "
                                                 + "not a \(editorTypeName(editor))")
        }
        guard let stepText = file.metadata["step"], let step = Int(stepText), step >= 0 else {
            throw EditorError.checkpointMismatch(file: url.path, reason: "metadata 'step' is missing or not a count")
        }
        try editor.load(part(file, editorPrefix), file: url.path)
        try reconstructor.load(part(file, reconstructorPrefix), file: url.path)
        try optimizer.restore(file.tensors, prefix: optimizerPrefix, file: url.path)
        let log = file.metadata["log"].flatMap { try? JSONDecoder().decode([TrainingMetrics].self, from: Data($0.utf8)) } ?? []
        return (step, log)
    }

    static func part(_ file: SafetensorsFile, _ prefix: String) -> SafetensorsFile {
        var out = SafetensorsFile()
        for (name, t) in file.tensors where name.hasPrefix(prefix) { out.tensors[String(name.dropFirst(prefix.count))] = t }
        return out
    }

    static func editorTypeName(_ editor: any LatentEditor) -> String { String(describing: type(of: editor)) }
}
