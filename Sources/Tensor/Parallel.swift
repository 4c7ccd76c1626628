import Dispatch

/// Splits 0..<count into one contiguous chunk per BLAS thread and runs `body`
/// on each chunk, concurrently when OpenBLAS was given more than one thread
/// and there are at least `minWork` elements to move (below that, waking a
/// thread costs more than it saves). The kernels outside sgemm (im2col,
/// col2im, axis swaps) use it so that `--threads 2` speeds up the whole step,
/// not only the matrix products. Chunks must write disjoint memory.
@inline(__always)
func parallelChunks(_ count: Int, work: Int, minWork: Int = 1 << 15, _ body: (Range<Int>) -> Void) {
    let threads = Swift.min(BLAS.threads, count)
    if threads <= 1 || work < minWork { body(0..<count); return }
    withoutActuallyEscaping(body) { body in
        let chunk = UncheckedSendable(body)   // disjoint writes, joined before return
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            chunk.value((count * t / threads)..<(count * (t + 1) / threads))
        }
    }
}

/// A value handed to concurrentPerform's @Sendable closure; the caller
/// guarantees the concurrent uses do not race.
private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
