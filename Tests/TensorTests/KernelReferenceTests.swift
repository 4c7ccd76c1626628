import XCTest
import Tensor

/// BLAS-backed kernels against the naive loops of NaiveKernels, forward and
/// backward, on odd non-square shapes with stride 1 and 2, padding 0/1/2.
final class KernelReferenceTests: XCTestCase {
    func testMatmulMatchesNaive() {
        for (m, k, n) in [(1, 1, 1), (3, 7, 5), (17, 9, 13), (33, 65, 31)] {
            let a = randn([m, k], seed: 1), b = randn([k, n], seed: 2)
            assertClose(matmul(a, b), NaiveKernels.matmul(a, b))
            assertClose(matmul(a.transpose(), b, transposeA: true), NaiveKernels.matmul(a, b))
            assertClose(matmul(a, b.transpose(), transposeB: true), NaiveKernels.matmul(a, b))
        }
    }

    /// With two threads, products above ParallelSGEMM's threshold are split along
    /// N (wide outputs), M (tall outputs) or K (small outputs, long sums); each
    /// split, in every transpose layout, must give the naive product. The linear
    /// case covers beta = 1 (bias preloaded into C) through the K split.
    func testParallelMatmulMatchesNaiveForEverySplit() {
        let old = BLAS.threads
        BLAS.setThreads(2)
        defer { BLAS.setThreads(old) }
        for (m, k, n) in [(20, 400, 300), (300, 400, 20), (12, 6000, 30)] {
            let a = randn([m, k], seed: 1), b = randn([k, n], seed: 2)
            let expected = NaiveKernels.matmul(a, b)
            assertClose(matmul(a, b), expected, atol: 1e-3, rtol: 1e-4)
            assertClose(matmul(a.transpose(), b, transposeA: true), expected, atol: 1e-3, rtol: 1e-4)
            assertClose(matmul(a, b.transpose(), transposeB: true), expected, atol: 1e-3, rtol: 1e-4)
            assertClose(matmul(a.transpose(), b.transpose(), transposeA: true, transposeB: true), expected, atol: 1e-3, rtol: 1e-4)
        }
        let x = randn([12, 6000], seed: 4), w = randn([30, 6000], seed: 5), bias = randn([30], seed: 6)
        assertClose(linear(x, w, bias), NaiveKernels.matmul(x, w.transpose()) + bias, atol: 1e-3, rtol: 1e-4)
    }

    func testMatmulBackwardMatchesNaive() {
        let a = randn([7, 5], seed: 1), b = randn([5, 9], seed: 2), g = randn([7, 9], seed: 3)
        a.requiresGrad = true; b.requiresGrad = true
        matmul(a, b).backward(g)
        assertClose(a.grad!, NaiveKernels.matmul(g, b.transpose()))
        assertClose(b.grad!, NaiveKernels.matmul(a.transpose(), g))
    }

    func testLinearMatchesMatmul() {
        let x = randn([6, 5], seed: 1), w = randn([4, 5], seed: 2), b = randn([4], seed: 3)
        assertClose(linear(x, w, b), NaiveKernels.matmul(x, w.transpose()) + b)
    }

    func testLinearBackwardMatchesNaive() {
        let x = randn([6, 5], seed: 1), w = randn([4, 5], seed: 2), b = randn([4], seed: 3), g = randn([6, 4], seed: 4)
        for t in [x, w, b] { t.requiresGrad = true }
        linear(x, w, b).backward(g)
        assertClose(x.grad!, NaiveKernels.matmul(g, w))
        assertClose(w.grad!, NaiveKernels.matmul(g.transpose(), x))
        assertClose(b.grad!, g.sum(axes: [0]))
    }

    static let convCases: [(n: Int, cin: Int, h: Int, w: Int, cout: Int, kh: Int, kw: Int, stride: Int, pad: Int)] = [
        (1, 1, 5, 5, 1, 3, 3, 1, 0),
        (2, 3, 7, 6, 4, 3, 3, 1, 1),
        (3, 2, 8, 9, 5, 4, 4, 2, 1),
        (2, 3, 9, 7, 2, 5, 3, 2, 2),
        (2, 4, 6, 5, 3, 2, 3, 1, 2),
        (1, 2, 11, 10, 3, 5, 5, 2, 0),
        // The SIMD paths of im2col/col2im: stride 2 with Wo >= 4 plus a ragged tail,
        // an odd kernel (column pair + single column), pad 0 and 1; stride 1 with
        // Wo >= 4 and a tail; stride 3 (generic strided loop).
        (2, 3, 19, 21, 4, 4, 4, 2, 1),
        (2, 2, 17, 14, 3, 3, 5, 2, 0),
        (1, 2, 13, 15, 3, 5, 5, 1, 0),
        (2, 2, 12, 14, 2, 3, 4, 3, 1),
    ]

    func testConv2dMatchesNaive() {
        for c in Self.convCases {
            let x = randn([c.n, c.cin, c.h, c.w], seed: 1), w = randn([c.cout, c.cin, c.kh, c.kw], seed: 2), b = randn([c.cout], seed: 3)
            let fast = conv2d(x, w, bias: b, stride: c.stride, padding: c.pad)
            assertClose(fast, NaiveKernels.conv2d(x, w, bias: b, stride: c.stride, padding: c.pad), atol: 1e-4, rtol: 1e-3)

            x.requiresGrad = true; w.requiresGrad = true
            let g = randn(fast.shape, seed: 4)
            conv2d(x, w, stride: c.stride, padding: c.pad).backward(g)
            let ref = NaiveKernels.conv2dBackward(x, w, g, stride: c.stride, padding: c.pad)
            assertClose(x.grad!, ref.dx, atol: 1e-4, rtol: 1e-3)
            assertClose(w.grad!, ref.dw, atol: 1e-4, rtol: 1e-3)
        }
    }

    func testConvTranspose2dMatchesNaive() {
        for c in Self.convCases where (c.h - 1) * c.stride - 2 * c.pad + c.kh >= 1 && (c.w - 1) * c.stride - 2 * c.pad + c.kw >= 1 {
            let x = randn([c.n, c.cin, c.h, c.w], seed: 1), w = randn([c.cin, c.cout, c.kh, c.kw], seed: 2), b = randn([c.cout], seed: 3)
            let fast = convTranspose2d(x, w, bias: b, stride: c.stride, padding: c.pad)
            assertClose(fast, NaiveKernels.convTranspose2d(x, w, bias: b, stride: c.stride, padding: c.pad), atol: 1e-4, rtol: 1e-3)

            x.requiresGrad = true; w.requiresGrad = true
            let g = randn(fast.shape, seed: 4)
            convTranspose2d(x, w, stride: c.stride, padding: c.pad).backward(g)
            let ref = NaiveKernels.convTranspose2dBackward(x, w, g, stride: c.stride, padding: c.pad)
            assertClose(x.grad!, ref.dx, atol: 1e-4, rtol: 1e-3)
            assertClose(w.grad!, ref.dw, atol: 1e-4, rtol: 1e-3)
        }
    }

    /// convTranspose2d is the input-gradient of conv2d with the same weight.
    func testConvTransposeIsAdjointOfConv() {
        let x = randn([2, 3, 8, 8], seed: 1), w = randn([4, 3, 4, 4], seed: 2)
        x.requiresGrad = true
        let y = conv2d(x, w, stride: 2, padding: 1)
        let g = randn(y.shape, seed: 3)
        y.backward(g)
        assertClose(convTranspose2d(g, w, stride: 2, padding: 1), x.grad!, atol: 1e-4, rtol: 1e-3)
    }

    func testDCGANShapes() {
        let z = randn([2, 8, 4, 4])
        XCTAssertEqual(convTranspose2d(z, randn([8, 5, 4, 4]), stride: 2, padding: 1).shape, [2, 5, 8, 8])
        XCTAssertEqual(conv2d(randn([2, 3, 32, 32]), randn([6, 3, 4, 4]), stride: 2, padding: 1).shape, [2, 6, 16, 16])
        XCTAssertEqual(conv2d(randn([2, 6, 32, 32]), randn([12, 6, 5, 5])).shape, [2, 12, 28, 28])
    }
}
