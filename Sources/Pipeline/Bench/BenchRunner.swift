import Foundation
import Tensor

/// The measured figures of one workload.
public struct BenchResult: Sendable, Equatable {
    public var name: String
    public var stepsPerSecond: Double
    public var msPerStep: Double
    public var gflops: Double
    public var peakRSSMegabytes: Double
    /// Items (images) per second: steps/s times items per step.
    public var itemsPerSecond: Double
}

/// The whole bench report; `json` is the schema reference/bench_torch.py prints too.
public struct BenchReport: Sendable, Equatable {
    public var engine = "curvilinear"
    public var threads: Int
    public var blasCore: String
    public var sgemmGFlops: Double
    public var workloads: [BenchResult]

    /// `{"engine", "threads", "blas_core", "sgemm_gflops", "workloads": [{"name", "steps_per_s",
    /// "ms_per_step", "gflops", "peak_rss_mb"}]}` in that key order, on one line.
    public var json: String {
        func number(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : "null" }
        let items = workloads.map {
            "{\"name\": \"\($0.name)\", \"steps_per_s\": \(number($0.stepsPerSecond)), "
                + "\"ms_per_step\": \(number($0.msPerStep)), \"gflops\": \(number($0.gflops)), "
                + "\"peak_rss_mb\": \(number($0.peakRSSMegabytes))}"
        }
        return "{\"engine\": \"\(engine)\", \"threads\": \(threads), \"blas_core\": \"\(blasCore)\", "
            + "\"sgemm_gflops\": \(number(sgemmGFlops)), \"workloads\": [\(items.joined(separator: ", "))]}"
    }

    /// A human-readable table.
    public var table: String {
        var lines = ["engine \(engine), BLAS core \(blasCore), \(threads) thread(s), sgemm 512^3: "
                     + String(format: "%.1f GFLOP/s", sgemmGFlops)]
        lines.append("workload                   steps/s   images/s   ms/step   GFLOP/s   peak RSS MB")
        for w in workloads {
            let name = w.name.padding(toLength: 25, withPad: " ", startingAt: 0)
            lines.append(name + String(format: " %8.2f %10.1f %9.1f %9.1f %13.0f",
                                w.stepsPerSecond, w.itemsPerSecond, w.msPerStep, w.gflops, w.peakRSSMegabytes))
        }
        return lines.joined(separator: "\n")
    }
}

/// Times workloads: `warmup` untimed steps, then `iterations` timed steps; the median step
/// time is reported (robust to other processes on a shared machine).
public struct BenchRunner {
    public var iterations: Int
    public var warmup: Int

    public init(iterations: Int = 10, warmup: Int = 2) {
        self.iterations = max(1, iterations)
        self.warmup = max(0, warmup)
    }

    public func run(_ workload: BenchWorkload) -> BenchResult {
        ResourceUsage.resetPeakRSS()
        for _ in 0..<warmup { workload.step() }
        var times: [Double] = []
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            workload.step()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2]
            : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        return BenchResult(name: workload.name, stepsPerSecond: 1 / median, msPerStep: median * 1e3,
                           gflops: workload.flopsPerStep / median / 1e9,
                           peakRSSMegabytes: ResourceUsage.peakRSSMegabytes(),
                           itemsPerSecond: Double(workload.itemsPerStep) / median)
    }

    /// The standard workloads by name, in report order.
    public static var standardWorkloads: [(name: String, make: () -> BenchWorkload)] {
        [("generator_forward", { GeneratorForwardWorkload() }), ("gan_step", { GANStepWorkload() })]
            + EditorStepWorkload.Kind.allCases.map { kind in ("editor_step_" + kind.rawValue, { EditorStepWorkload(kind) }) }
    }

    /// Sets the BLAS thread count, measures sgemm and runs the standard workloads
    /// (those named in `only`, when given).
    public static func standardReport(threads: Int, iterations: Int, only: [String] = [],
                                      workloads: [() -> BenchWorkload]? = nil) -> BenchReport {
        BLAS.setThreads(threads)
        let sgemm = BLAS.measureSGEMM(n: 512, repeats: 10)
        let runner = BenchRunner(iterations: iterations)
        let makers = workloads ?? standardWorkloads.filter { only.isEmpty || only.contains($0.name) }.map(\.make)
        let results = makers.map { make in runner.run(make()) }
        return BenchReport(threads: BLAS.threads, blasCore: BLAS.coreName, sgemmGFlops: sgemm, workloads: results)
    }
}
