import Foundation

/// Errors of the render and site stages; one line naming the artifact or
/// file and saying what to do.
public enum RenderStageError: Error, CustomStringConvertible, Equatable {
    case missingFile(path: String, hint: String)
    case badEditorArtifact(path: String, reason: String)
    case noEditors(experiment: String)
    case badFigurePath(String)

    public var description: String {
        switch self {
        case let .missingFile(path, hint):
            return "\(path): not found; \(hint)"
        case let .badEditorArtifact(path, reason):
            return "\(path): cannot load the editor (\(reason)); rerun its stage with --force editor-NAME"
        case let .noEditors(experiment):
            return "experiment \(experiment): no editor of the render stage has results in results.json; rerun evaluate"
        case let .badFigurePath(name):
            return "figure name '\(name)' is not a plain file name; use letters, digits, '-' and '_'"
        }
    }
}
