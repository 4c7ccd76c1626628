import Dispatch

/// Splits one row-major product C = alpha op(A) op(B) + beta C (op(A) M x K,
/// op(B) K x N) into `threads` independent single-threaded sgemm calls that
/// run on Dispatch's pool, the same pool as the kernels between the products.
///
/// The split is along the wider output dimension, so every thread writes its
/// own block of C (with the same sums over K as one call):
///   N: C[:, j0..<j1] = op(A) . op(B)[:, j0..<j1]
///   M: C[i0..<i1, :] = op(A)[i0..<i1, :] . op(B)
/// When both M and N are small and K is long (the weight gradient of a
/// convolution over a whole batch, e.g. 12 x 150 x 25,088), K is split and the
/// partial products are summed:
///   C = alpha sum_t op(A)[:, Kt] . op(B)[Kt, :] + beta C.
enum ParallelSGEMM {
    /// Below this many FLOPs (about 40 microseconds on one core) waking a second
    /// thread costs more than it saves.
    static let minFlops = 1 << 22
    /// Blocks narrower than this make the micro-kernel's packing dominate.
    static let minBlock = 32

    static func run(_ threads: Int, _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                    _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                    _ b: UnsafePointer<Float>, _ ldb: Int,
                    _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        let ctx = Operands(a: a, b: b, c: c)
        if n >= m && n >= minBlock * threads {
            concurrentBlocks(n, threads) { _, cols in
                let j0 = cols.lowerBound, j1 = cols.upperBound
                // Columns j of op(B): B[:, j] when stored K x N, rows j when stored N x K.
                let bj = ctx.b + (transB ? j0 * ldb : j0)
                sgemmSerial(transA, transB, m, j1 - j0, k, alpha, ctx.a, lda, bj, ldb, beta, ctx.c + j0, ldc)
            }
        } else if m >= minBlock * threads {
            concurrentBlocks(m, threads) { _, rows in
                let i0 = rows.lowerBound, i1 = rows.upperBound
                // Rows i of op(A): A[i, :] when stored M x K, columns i when stored K x M.
                let ai = ctx.a + (transA ? i0 : i0 * lda)
                sgemmSerial(transA, transB, i1 - i0, n, k, alpha, ai, lda, ctx.b, ldb, beta, ctx.c + i0 * ldc, ldc)
            }
        } else if k >= minBlock * threads {
            splitK(threads, transA, transB, m, n, k, alpha, ctx, lda, ldb, beta, ldc)
        } else {
            sgemmSerial(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        }
    }

    /// Thread 0 accumulates its share straight into C (with beta); the others
    /// write partial products to scratch, added to C afterwards.
    private static func splitK(_ threads: Int, _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                               _ alpha: Float, _ ctx: Operands, _ lda: Int, _ ldb: Int,
                               _ beta: Float, _ ldc: Int) {
        let size = m * n
        withScratch(size * (threads - 1)) { scratch in
            let partial = UncheckedSendable(scratch)
            concurrentBlocks(k, threads) { t, depth in
                let k0 = depth.lowerBound, k1 = depth.upperBound
                // Columns Kt of op(A) and rows Kt of op(B).
                let ak = ctx.a + (transA ? k0 * lda : k0)
                let bk = ctx.b + (transB ? k0 : k0 * ldb)
                if t == 0 {
                    sgemmSerial(transA, transB, m, n, k1 - k0, alpha, ak, lda, bk, ldb, beta, ctx.c, ldc)
                } else {
                    sgemmSerial(transA, transB, m, n, k1 - k0, alpha, ak, lda, bk, ldb, 0,
                                partial.value + (t - 1) * size, n)
                }
            }
            for t in 1..<threads {
                let p = scratch + (t - 1) * size
                for i in 0..<m { addInPlace(p + i * n, into: ctx.c + i * ldc, n) }
            }
        }
    }

    /// The operand pointers, handed to the worker closures.
    private struct Operands: @unchecked Sendable {
        let a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
    }
}
