import Foundation

/// Why GAN or VAE training stopped or a checkpoint could not be used.
public enum GANTrainingError: Error, CustomStringConvertible, Equatable {
    case nonFiniteLoss(step: Int, losses: String, lastCheckpoint: String?)
    case checkpointIncomplete(file: String, tensor: String)
    case checkpointMismatch(file: String, key: String, expected: String, found: String)
    case checkpointUnreadable(file: String, reason: String)
    case writeFailed(file: String, reason: String)
    case badOption(name: String, value: String, allowed: String)
    case emptyDataset

    public var description: String {
        switch self {
        case let .nonFiniteLoss(step, losses, checkpoint):
            let keep = checkpoint.map { "the last good checkpoint is \($0) (resume from it with a lower learning rate)" }
                ?? "no checkpoint was written yet; lower the learning rate or check the data"
            return "training stopped at step \(step): non-finite loss or weights (\(losses)); \(keep)"
        case let .checkpointIncomplete(file, tensor):
            return "\(file): training checkpoint has no tensor '\(tensor)'; it was not written by this trainer, start without --resume"
        case let .checkpointMismatch(file, key, expected, found):
            return "\(file): checkpoint was trained with \(key) = \(found), the run asks for \(expected); use the same config to resume"
        case let .checkpointUnreadable(file, reason):
            return "\(file): cannot read training checkpoint: \(reason)"
        case let .writeFailed(file, reason):
            return "cannot write \(file): \(reason); check the folder exists and is writable"
        case let .badOption(name, value, allowed):
            return "training option \(name) = \(value) is not allowed; use \(allowed)"
        case .emptyDataset:
            return "the training set is empty; check the dataset config"
        }
    }
}
