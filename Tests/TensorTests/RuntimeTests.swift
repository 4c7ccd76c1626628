import XCTest
import Tensor

/// Buffer reuse, BLAS set-up, small helpers.
final class RuntimeTests: XCTestCase {
    /// A repeated training step must reuse pooled buffers, not allocate new ones.
    func testRepeatedStepsAllocateNothingNew() {
        let w1 = randn([6, 3, 3, 3], seed: 1), w2 = randn([6, 4, 4, 4], seed: 2), lw = randn([5, 4 * 8 * 8], seed: 3)
        let gamma = Tensor.ones([6]), beta = Tensor.zeros([6]), rm = Tensor.zeros([6]), rv = Tensor.ones([6])
        for t in [w1, w2, lw, gamma, beta] { t.requiresGrad = true }
        let x = randn([4, 3, 8, 8], seed: 4)
        func step() {
            var h = conv2d(x, w1, stride: 1, padding: 1)
            h = batchNorm(h, runningMean: rm, runningVar: rv, weight: gamma, bias: beta, training: true).relu()
            h = maxPool2d(h, kernel: 2)
            h = convTranspose2d(h, w2, stride: 2, padding: 1).tanh()
            crossEntropy(linear(h.flatten(), lw), [0, 1, 2, 3]).backward()
            for t in [w1, w2, lw, gamma, beta] { t.zeroGrad() }
        }
        step(); step()
        let before = BufferPool.shared.freshAllocations
        for _ in 0..<5 { step() }
        XCTAssertEqual(BufferPool.shared.freshAllocations, before)
    }

    /// The kernels split across threads by channel or element (`parallelChunks`: activations,
    /// batch norm) write disjoint chunks and sum within one, so two threads compute the floats of
    /// one. (Convolutions and matrix products may split their sums by thread; README, "threads".)
    /// The tensors are above the 2^15-element threshold, so the split happens.
    func testTwoThreadsComputeTheFloatsOfOneInChunkedKernels() {
        func step(threads: Int) -> [[Float]] {
            let saved = BLAS.threads
            BLAS.setThreads(threads)
            defer { BLAS.setThreads(saved) }
            let x = randn([8, 16, 24, 24], seed: 5)
            let gamma = Tensor.ones([16]), beta = Tensor.zeros([16]), rm = Tensor.zeros([16]), rv = Tensor.ones([16])
            for t in [x, gamma, beta] { t.requiresGrad = true }
            let y = batchNorm(x, runningMean: rm, runningVar: rv, weight: gamma, bias: beta, training: true).leakyRelu(0.2).tanh()
            (y * y).sum().backward()
            return [y.scalars, x.grad!.scalars, gamma.grad!.scalars, beta.grad!.scalars, rm.scalars, rv.scalars]
        }
        let one = step(threads: 1), two = step(threads: 2)
        for (i, (a, b)) in zip(one, two).enumerated() { XCTAssertTrue(a == b, "tensor \(i) differs") }
    }

    func testBufferPoolBuckets() {
        let before = BufferPool.shared.freshAllocations
        do { _ = Tensor.zeros([1000]) }
        let mid = BufferPool.shared.freshAllocations
        do { _ = Tensor.zeros([1000]); _ = Tensor.zeros([1024]) }
        XCTAssertLessThanOrEqual(mid - before, 1)
        XCTAssertLessThanOrEqual(BufferPool.shared.freshAllocations - mid, 1)
        // Recycled buffers are reinitialised by zeros.
        let t = Tensor.full([1000], 7)
        _ = t
        XCTAssertEqual(Tensor.zeros([1000]).scalars.max(), 0)
    }

    func testBLASUsesAModernCore() {
        let core = BLAS.coreName.lowercased()
        XCTAssertFalse(core.isEmpty)
        XCTAssertFalse(["prescott", "core2", "nehalem", "katmai", "atom"].contains(core), "slow OpenBLAS core \(BLAS.coreName)")
        let old = BLAS.threads
        BLAS.setThreads(1)
        XCTAssertEqual(BLAS.threads, 1)
        BLAS.setThreads(old)
    }

    func testSoftmaxArgmaxAndInPlace() {
        let x = Tensor([1, 3, 2, 0, -1, 5], shape: [2, 3])
        XCTAssertEqual(x.argmax(), [1, 2])
        let s = x.softmax().sum(axes: [1]).scalars
        XCTAssertEqual(s[0], 1, accuracy: 1e-6); XCTAssertEqual(s[1], 1, accuracy: 1e-6)
        gradcheck([randn([3, 4])]) { $0[0].softmax() }
        let y = Tensor.zeros([2, 3])
        y.assign(x)
        XCTAssertEqual(y.scalars, x.scalars)
        y.fill(2)
        XCTAssertEqual(y.sum().item, 12)
    }

    func testGradModeIsPerThread() {
        let x = Tensor([1], shape: [1], requiresGrad: true)
        Tensor.withoutGradients {
            final class Box: @unchecked Sendable { var value: Bool? }
            let other = Box()
            let t = Thread { other.value = Tensor.isGradEnabled }
            t.start()
            while !t.isFinished { usleep(1000) }
            XCTAssertEqual(other.value, true)
            XCTAssertFalse((x * 2).requiresGrad)
        }
        XCTAssertTrue((x * 2).requiresGrad)
    }
}
