import Foundation

/// Where a trainer reports its progress. Generators cannot import Pipeline
/// (dependencies point one way), so the pipeline stage adapts its
/// ProgressReporter to this protocol.
public protocol TrainingProgress: AnyObject {
    /// `step` of `total` steps done; `fields` are the latest losses etc. (`[("loss_d", 1.2)]`).
    func trainingStep(_ step: Int, of total: Int, fields: [(String, Double)])
    /// One line of news (checkpoint written, resumed at step N).
    func trainingNote(_ text: String)
    func trainingFinished()
    /// A checkpoint folder was just written (the pipeline renders its samples.png here).
    func checkpointWritten(_ folder: URL, generator: DCGAN32Generator)
}

extension TrainingProgress {
    public func checkpointWritten(_ folder: URL, generator: DCGAN32Generator) {}
}

/// Reports nothing (tests, library use).
public final class SilentTrainingProgress: TrainingProgress {
    public init() {}
    public func trainingStep(_ step: Int, of total: Int, fields: [(String, Double)]) {}
    public func trainingNote(_ text: String) {}
    public func trainingFinished() {}
}
