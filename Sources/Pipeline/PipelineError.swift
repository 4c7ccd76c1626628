import Foundation

/// Errors of the stage cache and runner. Each prints as one line that names
/// the stage or path involved and says what to do.
public enum PipelineError: Error, CustomStringConvertible, Equatable {
    case writeFailed(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case stageNotAvailable(stage: String, module: String)
    case stageFailed(stage: String, reason: String)
    case unknownStage(name: String, known: [String])
    case duplicateStage(name: String)
    case missingInput(stage: String, input: String)
    case experimentNotFound(name: String, folder: String, available: [String])
    case noExperiments(folder: String)
    case notASiteFolder(path: String, reason: String)
    case checkpointInTheWay(path: String)
    case generatorInTheWay(path: String, file: String)

    public var description: String {
        switch self {
        case let .checkpointInTheWay(path):
            return "\(path) already holds a training checkpoint; pass --resume to continue it, or give another --out folder"
        case let .generatorInTheWay(path, file):
            return "\(path) already holds a trained model (\(file)); give another --out folder, or move it away to train afresh"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason); check the folder exists and is writable"
        case let .readFailed(path, reason):
            return "cannot read \(path): \(reason)"
        case let .stageNotAvailable(stage, module):
            return "stage '\(stage)' is not available yet: module \(module) is not wired into the pipeline"
        case let .stageFailed(stage, reason):
            return "stage '\(stage)' failed: \(reason)"
        case let .unknownStage(name, known):
            let hint = Suggest.closest(to: name, in: known).map { "did you mean '\($0)'? " } ?? ""
            return "unknown stage '\(name)'; \(hint)stages: \(known.joined(separator: ", "))"
        case let .duplicateStage(name):
            return "two stages are named '\(name)'; give each editor a distinct `name:`"
        case let .missingInput(stage, input):
            return "stage '\(stage)' reads '\(input)', which is not in the plan"
        case let .experimentNotFound(name, folder, available):
            let hint = Suggest.closest(to: name, in: available).map { "did you mean '\($0)'? " } ?? ""
            return "no experiment '\(name)' in \(folder); \(hint)available: \(available.isEmpty ? "none" : available.joined(separator: ", "))"
        case let .noExperiments(folder):
            return "no experiment configs (*.yaml) in \(folder)"
        case let .notASiteFolder(path, reason):
            return "cannot publish the site to \(path): \(reason)"
        }
    }
}
