import Foundation
@testable import Pipeline

/// Records which stages ran, in order, and collects reporter output.
final class Journal: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    private var text = ""

    var ran: [String] { lock.withLock { entries } }
    var output: String { lock.withLock { text } }
    func record(_ name: String) { lock.withLock { entries.append(name) } }
    func write(_ string: String) { lock.withLock { text += string } }
    func reset() { lock.withLock { entries = []; text = "" } }
}

/// A manual clock for deterministic progress and timing.
final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double = 1000
    var now: Double { lock.withLock { time } }
    func advance(_ seconds: Double) { lock.withLock { time += seconds } }
}

struct Boom: Error, CustomStringConvertible {
    var description: String { "boom halfway" }
}

/// A stage that writes `out.txt` = its name, config and its inputs' out.txt,
/// so the test can see what each stage read. With `failHalfway` it writes a
/// first file and then throws, like a run killed in the middle.
struct FakeStage: Stage {
    var name: String
    var inputs: [String] = []
    var config: [String: Int] = [:]
    var journal: Journal
    var failHalfway = false
    var availability: StageAvailability = .available

    var configSection: any Encodable & Sendable { config }
    var seed: Int { 7 }

    func run(_ context: StageContext, outputDir: URL) throws {
        journal.record(name)
        var text = "\(localName) \(config.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))"
        for input in inputs {
            text += " <- [" + (try String(contentsOf: context.input(input).appendingPathComponent("out.txt"), encoding: .utf8)) + "]"
        }
        try Data("partial".utf8).write(to: outputDir.appendingPathComponent("part-1.bin"))
        if failHalfway { throw Boom() }
        try Data(text.utf8).write(to: outputDir.appendingPathComponent("out.txt"))
    }
}

/// data -> generator -> editor-a, editor-b -> evaluate -> render -> site, as in the real pipeline.
func fakeGraph(_ journal: Journal, editorB: [String: Int] = ["steps": 10], failing: String? = nil) -> [any Stage] {
    func stage(_ name: String, _ inputs: [String], _ config: [String: Int] = [:]) -> FakeStage {
        FakeStage(name: "exp/" + name, inputs: inputs.map { "exp/" + $0 }, config: config, journal: journal,
                  failHalfway: name == failing)
    }
    return [
        stage("data", [], ["count": 100]),
        stage("generator", ["data"], ["steps": 5]),
        stage("editor-a", ["generator"], ["steps": 10]),
        stage("editor-b", ["generator"], editorB),
        stage("evaluate", ["data", "generator", "editor-a", "editor-b"]),
        stage("render", ["generator", "editor-a", "editor-b", "evaluate"]),
        stage("site", ["evaluate", "render"]),
    ]
}

func makeRunner(root: URL, journal: Journal, clock: FakeClock = FakeClock(), mode: ProgressReporter.Mode = .lines) -> Runner {
    let progress = ProgressReporter(mode: mode, clock: { clock.now }, sink: { journal.write($0) })
    return Runner(store: ArtifactStore(root: root), progress: progress, threads: 1, codeVersion: "test-1")
}
