import CBLAS
import Foundation
import Synchronization

/// OpenBLAS set-up and the row-major sgemm wrapper every heavy kernel uses.
///
/// Debian's OpenBLAS 0.3.21 does not recognise some recent CPUs and silently
/// runs its generic "Prescott" SSE3 kernels (about 5x slower); others it takes
/// for a different core than `make` asks for (this project's Zen 4 machine reports
/// Cooperlake). Unless the user set OPENBLAS_CORETYPE, on first use we set it to
/// Haswell (AVX2 + FMA, which every AVX-512 CPU also has) and re-initialise the
/// kernel table. Haswell is what the Makefile exports, so `curvilinear` run
/// directly and through `make` use the same kernels and train the same floats
/// (kernel sets round differently, and training amplifies that into different
/// figures); on the Zen 4 machine the Haswell kernels are also the faster (111
/// vs 105 GFLOP/s at 512^3).
public enum BLAS {
    /// Core name reported before any fix-up.
    public static var originalCoreName: String { setup.original }

    /// Core name OpenBLAS uses now.
    public static var coreName: String {
        _ = setup
        return currentCoreName()
    }

    /// Threads for the numeric work: sgemm (split by `ParallelSGEMM`) and the
    /// kernels around it (`parallelChunks`). OpenBLAS itself always runs on one
    /// thread: its own workers spin after every call and steal the core from
    /// the im2col, batch-norm and optimizer work between the products, so with
    /// two threads one pool (Dispatch) does all the parallel work instead.
    public static var threads: Int {
        _ = setup
        return threadCount.withLock { $0 }
    }

    public static func setThreads(_ n: Int) {
        _ = setup
        threadCount.withLock { $0 = max(1, n) }
    }

    private static let threadCount = Mutex(1)

    static let goodCores = ["haswell", "skylakex", "zen", "cooperlake", "sapphirerapids"]

    private static func currentCoreName() -> String {
        guard let c = openblas_get_corename() else { return "unknown" }
        return String(cString: c)
    }

    /// Runs once, thread-safely (static let), before the first BLAS call.
    private static let setup: (original: String, Void) = {
        let original = currentCoreName()
        let chosen = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] != nil
        if !chosen || !goodCores.contains(where: { original.lowercased().hasPrefix($0) }) {
            let avx2 = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))
                .map { $0.contains(" avx2") && $0.contains(" fma") } ?? false
            if avx2 {
                let threads = openblas_get_num_threads()
                setenv("OPENBLAS_CORETYPE", "Haswell", 1)
                gotoblas_dynamic_quit()
                gotoblas_dynamic_init()
                openblas_set_num_threads(threads)
            }
        }
        // OpenBLAS's default is one thread per core; keep that as our default
        // and run OpenBLAS itself single-threaded (see `threads`).
        threadCount.withLock { $0 = max(1, Int(openblas_get_num_threads())) }
        openblas_set_num_threads(1)
        return (original, ())
    }()

    @inline(__always) static func ensureReady() { _ = setup }

    /// Measures sgemm throughput on an n x n x n product (GFLOP/s), best of `repeats`.
    public static func measureSGEMM(n: Int = 512, repeats: Int = 10) -> Double {
        ensureReady()
        let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
        var c = [Float](repeating: 0, count: n * n)
        var best = Double.infinity
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            c.withUnsafeMutableBufferPointer { cp in
                sgemm(false, false, n, n, n, 1, a, n, b, n, 0, cp.baseAddress!, n)
            }
            let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
            best = Swift.min(best, dt)
        }
        return 2 * Double(n * n * n) / best / 1e9
    }
}

/// Row-major C = alpha * op(A) op(B) + beta * C, op(A) is M x K, op(B) is K x N,
/// split over `threads` when large enough (1: one serial call).
@inline(__always)
func sgemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
           _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
           _ b: UnsafePointer<Float>, _ ldb: Int,
           _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, threads: Int = BLAS.threads) {
    BLAS.ensureReady()
    if m == 0 || n == 0 { return }
    if threads > 1 && 2 * m * n * k >= ParallelSGEMM.minFlops {
        ParallelSGEMM.run(threads, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        return
    }
    sgemmSerial(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

/// One single-threaded OpenBLAS call.
@inline(__always)
func sgemmSerial(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                 _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                 _ b: UnsafePointer<Float>, _ ldb: Int,
                 _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    if m == 0 || n == 0 { return }
    // OpenBLAS 0.3.21 clears C for beta = 0 with its own store loop (sgemm_beta), 5% of an
    // editor step whose products have short sums and wide outputs; memset is faster. The
    // product is the same up to rounding, not bit for bit: OpenBLAS takes other code paths
    // for beta 1 (a retrained editor differs in its last bits, and so, through training's
    // sensitivity, in its figures: see models/README.md's note on reproducing files).
    var beta = beta
    if beta == 0 {
        if ldc == n { c.update(repeating: 0, count: m * n) } else { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
        beta = 1
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(max(lda, 1)), b, Int32(max(ldb, 1)),
                beta, c, Int32(max(ldc, 1)))
}
