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

    @Option(help: "Threads for the numeric work (products and the kernels between them).")
    var threads: Int = 1

    @Option(help: "Timed steps per workload (after 2 warm-up steps); the median step is reported.")
    var iterations: Int = 10

    @Option(parsing: .upToNextOption, help: "Run only these workloads (names as in the report).")
    var only: [String] = []

    @Option(help: "Memory soak instead of timing: run N GAN steps and report the resident set after warm-up and at the end.")
    var soak: Int?

    @Option(help: "Base width c of the soak's dcgan32/sn_dcgan32 (64 is the bench size; smaller runs faster).")
    var soakWidth: Int = 16

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1, got \(iterations)") }
        let names = BenchRunner.standardWorkloads.map(\.name)
        if let bad = only.first(where: { !names.contains($0) }) {
            throw ValidationError("--only: unknown workload '\(bad)'; choose from \(names.joined(separator: ", "))")
        }
        if let soak, soak < 1 { throw ValidationError("--soak must be at least 1 step, got \(soak)") }
        guard soakWidth >= 1 else { throw ValidationError("--soak-width must be at least 1, got \(soakWidth)") }
    }

    func run() throws {
        if let soak {
            let report = SoakReport.run(steps: soak, width: soakWidth, threads: threads)
            print(json ? report.json : report.text)
            return
        }
        let report = BenchRunner.standardReport(threads: threads, iterations: iterations, only: only)
        print(json ? report.json : report.table)
    }
}
