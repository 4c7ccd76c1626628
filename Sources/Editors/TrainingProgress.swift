/// Figures of editor training, averaged over the last `window` steps.
public struct TrainingMetrics: Sendable, Equatable, Codable {
    public var step: Int
    /// Fraction of rows whose direction the reconstructor recognised (argmax == k).
    public var accuracy: Double
    /// Cross-entropy over directions.
    public var crossEntropy: Double
    /// mean |eps - eps_hat|.
    public var l1: Double
    /// mean (log|det df/dz|)^2 (0 for editors without a flow).
    public var logDetSquared: Double
    /// mean |log|det df/dz|| (0 for editors without a flow).
    public var meanAbsLogDet: Double
    /// mean (|z' - z| - |eps|)^2.
    public var isometry: Double
    public var stepsPerSecond: Double
    public var etaSeconds: Double

    enum CodingKeys: String, CodingKey {
        case step, accuracy, crossEntropy = "cross_entropy", l1, logDetSquared = "logdet_squared"
        case meanAbsLogDet = "mean_abs_logdet", isometry, stepsPerSecond = "steps_per_s", etaSeconds = "eta_s"
    }

    /// Fields for a progress bar (which adds steps/s and the ETA itself).
    public var fields: [(String, Double)] {
        [("acc%", accuracy * 100), ("CE", crossEntropy), ("L1", l1), ("logdet^2", logDetSquared)]
    }
}

/// Receives training progress; Editors does not know how it is shown (the
/// pipeline adapts its progress bar to this).
public protocol EditorTrainingProgress: AnyObject {
    /// Called after every step with the running metrics.
    func trainingAdvanced(_ metrics: TrainingMetrics, total: Int)
    /// Called once when training ends (normally or not).
    func trainingFinished()
}

/// Running means over the last `window` steps.
struct RunningMeans {
    let window: Int
    private var rows: [[Double]] = []

    init(window: Int) { self.window = max(1, window) }

    mutating func add(_ values: [Double]) {
        rows.append(values)
        if rows.count > window { rows.removeFirst(rows.count - window) }
    }

    var means: [Double] {
        guard let first = rows.first else { return [] }
        var sums = [Double](repeating: 0, count: first.count)
        for row in rows { for (i, v) in row.enumerated() { sums[i] += v } }
        return sums.map { $0 / Double(rows.count) }
    }
}
