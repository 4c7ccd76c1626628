import ArgumentParser
import Pipeline

/// `curvilinear bench`: speed of the standard workloads (DESIGN.md section 9);
/// reference/bench_torch.py measures the same workloads in PyTorch.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure steps/s, GFLOP/s and peak memory of the standard workloads.")

    @Flag(help: "Print one JSON object (the schema reference/bench_torch.py prints) instead of a table.")
    var json = false

    @Option(help: "BLAS threads.")
    var threads: Int = 1

    @Option(help: "Timed steps per workload (after 2 warm-up steps); the median step is reported.")
    var iterations: Int = 10

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1, got \(iterations)") }
    }

    func run() throws {
        let report = BenchRunner.standardReport(threads: threads, iterations: iterations)
        print(json ? report.json : report.table)
    }
}
