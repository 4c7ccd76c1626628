import Foundation

/// Where status and progress go (stderr), and how: a live bar when stderr
/// is a terminal, plain periodic lines when it is not (logs, CI), nothing
/// with `--quiet`. Shared by the runner and every long stage.
public final class ProgressReporter: @unchecked Sendable {
    public enum Mode: Sendable, Equatable { case terminal, lines, quiet }

    public let mode: Mode
    /// Plain mode prints at most one line per `interval` seconds per task,
    /// plus one at each `percentStep` boundary and one at the end.
    public let interval: Double
    public let percentStep: Int
    private let sink: @Sendable (String) -> Void
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var barShown = false

    public init(mode: Mode, interval: Double = 5, percentStep: Int = 25,
                clock: @escaping @Sendable () -> Double = ProgressReporter.monotonicSeconds,
                sink: @escaping @Sendable (String) -> Void = ProgressReporter.writeToStandardError) {
        self.mode = mode
        self.interval = interval
        self.percentStep = percentStep
        self.clock = clock
        self.sink = sink
    }

    /// Terminal bars when stderr is a tty, lines otherwise, nothing when quiet.
    public static func standard(quiet: Bool) -> ProgressReporter {
        ProgressReporter(mode: quiet ? .quiet : (isatty(STDERR_FILENO) == 1 ? .terminal : .lines))
    }

    public static let writeToStandardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }

    public static let monotonicSeconds: @Sendable () -> Double = {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    public var now: Double { clock() }

    /// A status line (`[2/7] sprites/generator ... cached`); none when quiet.
    public func log(_ line: String) {
        guard mode != .quiet else { return }
        emit(line + "\n", replacingBar: true)
    }

    /// Starts a task of `total` units (steps, images, ...).
    public func task(_ label: String, total: Int) -> ProgressTask {
        ProgressTask(reporter: self, label: label, total: total, start: clock())
    }

    func emit(_ text: String, replacingBar: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if mode == .terminal, barShown {
            sink("\r\u{1B}[2K")
            barShown = false
        }
        sink(text)
    }

    func showBar(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        sink("\r\u{1B}[2K" + line)
        barShown = true
    }
}

/// Progress of one long loop. Call `update` as often as you like (it
/// throttles itself) and `finish` once at the end.
public final class ProgressTask: @unchecked Sendable {
    let reporter: ProgressReporter
    public let label: String
    public let total: Int
    let start: Double
    private var lastLine: Double
    private var lastPercentStep = 0
    private var lastBar = -Double.infinity
    private var completed = 0
    private var fields: [(String, Double)] = []
    private var finished = false

    init(reporter: ProgressReporter, label: String, total: Int, start: Double) {
        self.reporter = reporter
        self.label = label
        self.total = total
        self.start = start
        self.lastLine = start
    }

    /// `completed` units done so far; `fields` such as `[("loss", 1.23)]`.
    public func update(_ completed: Int, fields: [(String, Double)] = []) {
        self.completed = completed
        self.fields = fields
        let now = reporter.now
        switch reporter.mode {
        case .quiet:
            return
        case .terminal:
            guard now - lastBar >= 0.1 else { return }
            lastBar = now
            reporter.showBar(ProgressFormat.barLine(label: label, completed: completed, total: total,
                                                    elapsed: now - start, fields: fields))
        case .lines:
            let step = total > 0 ? completed * 100 / total / max(1, reporter.percentStep) : 0
            guard completed < total, now - lastLine >= reporter.interval || step > lastPercentStep else { return }
            lastLine = now
            lastPercentStep = step
            reporter.emit(ProgressFormat.plainLine(label: label, completed: completed, total: total,
                                                   elapsed: now - start, fields: fields) + "\n", replacingBar: false)
        }
    }

    /// Prints the final line (complete, with the last fields) once.
    public func finish() {
        guard !finished else { return }
        finished = true
        guard reporter.mode != .quiet else { return }
        let line = ProgressFormat.plainLine(label: label, completed: completed, total: total,
                                            elapsed: reporter.now - start, fields: fields)
        reporter.emit(line + "\n", replacingBar: true)
    }
}
