/// How a convolution over a batch is cut into runs of whole images, so that a
/// run's column matrix (im2col's [C kh kw, images x L]) stays in the core's cache
/// between the kernel that writes it and the one that reads it.
///
/// Whole-batch columns reach 30 MB (the reconstructor's first 5x5 convolution at
/// batch 64): im2col wrote them, sgemm read them back, and backward the product's
/// output was cleared, written and read again by col2im, all through memory, whose
/// bandwidth the two cores share. A run holds at most `columnBudget` floats (1 MB,
/// half of this machine's 2 MB level-2 cache per core), so that traffic stays in cache.
///
/// With several threads each takes a contiguous block of runs and calls every kernel
/// single-threaded (no nested parallelism, each core on its own images); when the batch
/// has fewer images than threads, or too little work to wake a second thread, the runs
/// go one after another and every kernel uses all threads, as before.
struct ImageChunks {
    static let columnBudget = 1 << 18

    let images: Int
    /// Images per run (the last run may hold fewer).
    let perRun: Int
    /// Threads that take runs concurrently, and threads for the kernels inside a run.
    let outerThreads: Int, innerThreads: Int

    /// `floatsPerImage`: one image's share of the column matrix; `flops`: the whole
    /// product's, compared with sgemm's threshold for waking a thread.
    init(images n: Int, floatsPerImage: Int, flops: Int, budget: Int = columnBudget, threads: Int = BLAS.threads) {
        images = n
        let fit = max(1, min(n, budget / max(1, floatsPerImage)))
        if threads > 1 && n >= threads && flops >= ParallelSGEMM.minFlops {
            // As many runs per thread as the budget needs, the images spread evenly over them.
            let runs = threads * ((n + threads * fit - 1) / (threads * fit))
            perRun = (n + runs - 1) / runs
            outerThreads = threads
            innerThreads = 1
        } else {
            perRun = fit
            outerThreads = 1
            innerThreads = threads
        }
    }

    var count: Int { (images + perRun - 1) / perRun }

    /// Calls body(thread, images of the run, threads for its kernels) for every run;
    /// runs of different threads write disjoint images.
    func forEach(_ body: (_ thread: Int, _ run: Range<Int>, _ kernelThreads: Int) -> Void) {
        let n = images, per = perRun
        func run(_ r: Int) -> Range<Int> { (r * per)..<Swift.min(n, (r + 1) * per) }
        if outerThreads == 1 {
            for r in 0..<count { body(0, run(r), innerThreads) }
        } else {
            concurrentBlocks(count, outerThreads) { t, runs in
                for r in runs { body(t, run(r), 1) }
            }
        }
    }
}

extension ImageChunks {
    /// A convolution's backward over the runs: body(run, threads for its kernels, partial)
    /// computes the run's input gradient and, when `weight` needs one, adds the run's
    /// weight gradient into `partial` with beta 1. Each thread has its own zeroed [size]
    /// block; the blocks are then added, in thread order, to weight's gradient (copied
    /// when it has none yet, beta 0; added to it otherwise).
    func backward(weight: Tensor, size: Int, inputNeedsGradient: Bool,
                  _ body: (_ run: Range<Int>, _ kernelThreads: Int, _ partial: UnsafeMutablePointer<Float>?) -> Void) {
        guard weight.requiresGrad else {
            if inputNeedsGradient { forEach { _, run, threads in body(run, threads, nil) } }
            return
        }
        withScratch(outerThreads * size) { partials in
            partials.update(repeating: 0, count: outerThreads * size)
            forEach { t, run, threads in body(run, threads, partials + t * size) }
            weight.accumulateGrad { gw, beta in
                if beta == 0 { gw.update(from: partials, count: size) } else { addInPlace(partials, into: gw, size) }
                for t in 1..<outerThreads { addInPlace(partials + t * size, into: gw, size) }
            }
        }
    }
}
