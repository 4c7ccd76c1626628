import Dispatch

/// Splits 0..<count into one contiguous chunk per thread (`BLAS.threads`) and
/// runs `body` on each chunk, concurrently when there is more than one thread
/// and at least `minWork` elements to move (below that, waking a thread costs
/// more than it saves). The kernels outside sgemm (im2col, col2im, axis swaps,
/// batch norm, activations, the optimizer) use it so that `--threads 2` speeds
/// up the whole step, not only the matrix products. Chunks must write disjoint memory.
/// `threads` 1 runs serially (a kernel called from inside a parallel block).
public func parallelChunks(_ count: Int, work: Int, minWork: Int = 1 << 15, threads: Int = BLAS.threads,
                           _ body: (Range<Int>) -> Void) {
    let threads = Swift.min(threads, count)
    if threads <= 1 || work < minWork { body(0..<count); return }
    concurrentBlocks(count, threads) { _, range in body(range) }
}

/// Runs body(t, block t) for `threads` near-equal contiguous blocks of
/// 0..<count on Dispatch's pool, and returns when all are done.
func concurrentBlocks(_ count: Int, _ threads: Int, _ body: (Int, Range<Int>) -> Void) {
    withoutActuallyEscaping(body) { body in
        let block = UncheckedSendable(body)   // disjoint writes, joined before return
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            block.value(t, (count * t / threads)..<(count * (t + 1) / threads))
        }
    }
}

/// A value handed to concurrentPerform's @Sendable closure; the caller
/// guarantees the concurrent uses do not race.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
