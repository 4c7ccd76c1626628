import Synchronization
import XCTest
@testable import Tensor

/// Convolutions run over runs of images (`ImageChunks`): the plan must cover every
/// image once and balance the threads, and every way of cutting the batch (one image
/// per run, a few, the whole batch; runs shared between two threads or taken in turn)
/// must give the naive kernels' outputs and gradients.
final class ImageChunksTests: XCTestCase {
    func testPlanCoversEveryImageOnceAndBalancesThreads() {
        let budget = 1000
        // (images, floats per image, threads) -> (images per run, outer threads)
        let cases: [(n: Int, perImage: Int, threads: Int, perRun: Int, outer: Int)] = [
            (64, 500, 2, 2, 2),     // two images fit: 32 runs, 16 per thread
            (64, 2000, 2, 1, 2),    // one image exceeds the budget: still one per run
            (7, 333, 2, 2, 2),      // three fit, but 2 + 2 | 2 + 1 balances the threads
            (7, 333, 1, 3, 1),      // one thread: as many as fit
            (1, 10, 2, 1, 1),       // fewer images than threads: the kernels share the work
            (64, 1, 2, 32, 2),      // everything fits: one run per thread
        ]
        for c in cases {
            let plan = ImageChunks(images: c.n, floatsPerImage: c.perImage, flops: 1 << 30, budget: budget, threads: c.threads)
            XCTAssertEqual(plan.perRun, c.perRun, "\(c)")
            XCTAssertEqual(plan.outerThreads, c.outer, "\(c)")
            XCTAssertEqual(plan.innerThreads, c.outer == 1 ? c.threads : 1, "\(c)")
            let seen = Mutex([Int](repeating: 0, count: c.n)), perThread = Mutex([Int](repeating: 0, count: c.threads))
            plan.forEach { t, run, _ in
                seen.withLock { for i in run { $0[i] += 1 } }
                perThread.withLock { $0[t] += run.count }
            }
            XCTAssertEqual(seen.withLock { $0 }, [Int](repeating: 1, count: c.n), "\(c)")
            if c.outer > 1 {
                let counts = perThread.withLock { $0 }
                XCTAssertLessThanOrEqual(counts.max()! - counts.min()!, c.perRun, "\(c): \(counts)")
            }
        }
        // Too little work to wake a second thread: runs in turn, kernels on both threads.
        let small = ImageChunks(images: 64, floatsPerImage: 10, flops: 1000, budget: budget, threads: 2)
        XCTAssertEqual(small.outerThreads, 1)
    }

    /// Seven images, enough work for the two-thread split; budgets of one image, three
    /// images and the default; one and two threads. Backward runs twice so the second
    /// weight gradient adds to the first (beta 1).
    func testConvolutionsMatchNaiveForEveryCut() {
        let old = BLAS.threads
        defer { BLAS.setThreads(old) }
        let x = randn([7, 8, 24, 22], seed: 1), w = randn([16, 8, 3, 3], seed: 2), b = randn([16], seed: 3)
        let wt = randn([8, 6, 4, 4], seed: 5)
        let convReference = NaiveKernels.conv2d(x, w, bias: b, stride: 1, padding: 1)
        let convTReference = NaiveKernels.convTranspose2d(x, wt, bias: nil, stride: 2, padding: 1)
        for threads in [1, 2] {
            BLAS.setThreads(threads)
            for budget in [1, 3 * 72 * 24 * 22, ImageChunks.columnBudget] {
                check("conv2d, threads \(threads), budget \(budget)", x, w, reference: convReference,
                      { conv2d(x, w, bias: b, stride: 1, padding: 1, columnBudget: budget) },
                      { NaiveKernels.conv2dBackward(x, w, $0, stride: 1, padding: 1) })
                check("convTranspose2d, threads \(threads), budget \(budget)", x, wt, reference: convTReference,
                      { convTranspose2d(x, wt, bias: nil, stride: 2, padding: 1, columnBudget: budget) },
                      { NaiveKernels.convTranspose2dBackward(x, wt, $0, stride: 2, padding: 1) })
            }
        }
    }

    /// The output against `reference`, then the input and weight gradients of two
    /// backward passes against twice the naive ones.
    private func check(_ context: String, _ x: Tensor, _ w: Tensor, reference: Tensor, _ forward: () -> Tensor,
                       _ naiveBackward: (Tensor) -> (dx: Tensor, dw: Tensor)) {
        x.requiresGrad = true; w.requiresGrad = true
        defer { x.grad = nil; w.grad = nil }
        let y = forward()
        XCTAssertTrue(isClose(y, reference), "output, \(context)")
        let g = randn(y.shape, seed: 4)
        for _ in 0..<2 { forward().backward(g) }
        let ref = naiveBackward(g)
        XCTAssertTrue(isClose(x.grad!, ref.dx * 2), "dx, \(context)")
        XCTAssertTrue(isClose(w.grad!, ref.dw * 2), "dw, \(context)")
    }

    private func isClose(_ a: Tensor, _ b: Tensor, atol: Float = 1e-3, rtol: Float = 1e-3) -> Bool {
        a.shape == b.shape && zip(a.scalars, b.scalars).allSatisfy { abs($0 - $1) <= atol + rtol * abs($1) }
    }
}
