/// Errors of building, loading and training editors.
public enum EditorError: Error, CustomStringConvertible, Equatable {
    case invalidOption(name: String, value: String, expected: String)
    case nonFiniteLoss(step: Int, lastCheckpoint: String?)
    case checkpointMismatch(file: String, reason: String)
    case eigenSolverFailed(reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(name, value, expected):
            return "editor option \(name) = \(value) is invalid; expected \(expected)"
        case let .nonFiniteLoss(step, checkpoint):
            let kept = checkpoint.map { "the last good checkpoint is kept at \($0)" } ?? "no checkpoint was written yet"
            return "editor training stopped at step \(step): the loss is not finite; \(kept); lower lr or eps_max and retry"
        case let .checkpointMismatch(file, reason):
            return "\(file): cannot resume from this checkpoint (\(reason)); delete it to start over"
        case let .eigenSolverFailed(reason):
            return "eigen decomposition failed (\(reason)); check the generator weights are finite"
        }
    }
}
