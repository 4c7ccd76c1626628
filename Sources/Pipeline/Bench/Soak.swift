import Foundation
import Tensor

/// The memory soak of `curvilinear bench --soak N`: N GAN steps, resident set
/// measured after warm-up and at the end. Buffers are reused across steps
/// (BufferPool), so after warm-up the resident set must not grow.
public struct SoakReport: Sendable, Equatable {
    public var steps: Int
    public var warmupSteps: Int
    public var width: Int
    public var residentAfterWarmupMegabytes: Double
    public var residentAtEndMegabytes: Double
    public var peakMegabytes: Double
    /// Buffers the pool had to obtain from the system after warm-up (0 in a steady loop).
    public var freshAllocationsAfterWarmup: Int
    public var seconds: Double

    public var growthMegabytes: Double { residentAtEndMegabytes - residentAfterWarmupMegabytes }

    public var text: String {
        String(format: "soak: %d gan_step (width %d, batch 64) in %.0f s; RSS after %d warm-up steps %.1f MB, "
               + "at end %.1f MB, growth %+.1f MB; peak %.1f MB; pool buffers allocated after warm-up: %d",
               steps, width, seconds, warmupSteps, residentAfterWarmupMegabytes, residentAtEndMegabytes,
               growthMegabytes, peakMegabytes, freshAllocationsAfterWarmup)
    }

    public var json: String {
        String(format: "{\"soak_steps\": %d, \"warmup_steps\": %d, \"width\": %d, \"rss_after_warmup_mb\": %.2f, "
               + "\"rss_end_mb\": %.2f, \"growth_mb\": %.2f, \"peak_rss_mb\": %.2f, \"fresh_allocations_after_warmup\": %d, "
               + "\"seconds\": %.1f}",
               steps, warmupSteps, width, residentAfterWarmupMegabytes, residentAtEndMegabytes, growthMegabytes,
               peakMegabytes, freshAllocationsAfterWarmup, seconds)
    }

    /// Runs `steps` GAN steps (GANStepWorkload at the given width, batch 64) after
    /// `warmup` untimed ones.
    public static func run(steps: Int, warmup: Int = 20, width: Int = 64, threads: Int = 1) -> SoakReport {
        BLAS.setThreads(threads)
        let workload = GANStepWorkload(width: width)
        for _ in 0..<warmup { workload.step() }
        let before = ResourceUsage.residentMegabytes() ?? .nan
        let fresh = BufferPool.shared.freshAllocations
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<steps { workload.step() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        return SoakReport(steps: steps, warmupSteps: warmup, width: width, residentAfterWarmupMegabytes: before,
                          residentAtEndMegabytes: ResourceUsage.residentMegabytes() ?? .nan,
                          peakMegabytes: ResourceUsage.peakRSSMegabytes(),
                          freshAllocationsAfterWarmup: BufferPool.shared.freshAllocations - fresh, seconds: seconds)
    }
}
