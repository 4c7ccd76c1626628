import XCTest
import Tensor

/// One gradient check per differentiable op, on small odd shapes.
final class GradientTests: XCTestCase {
    // Elementwise, with broadcasting.
    func testAdd() { gradcheck([randn([3, 5], seed: 1), randn([3, 5], seed: 2)]) { $0[0] + $0[1] } }
    func testAddBiasOverN() { gradcheck([randn([3, 5], seed: 1), randn([5], seed: 2)]) { $0[0] + $0[1] } }
    func testAddBiasOverNHW() { gradcheck([randn([2, 3, 3, 5], seed: 1), randn([1, 3, 1, 1], seed: 2)]) { $0[0] + $0[1] } }
    func testSubBroadcastBoth() { gradcheck([randn([3, 1], seed: 1), randn([1, 5], seed: 2)]) { $0[0] - $0[1] } }
    func testMulBroadcast() { gradcheck([randn([2, 3, 5], seed: 1), randn([3, 1], seed: 2)]) { $0[0] * $0[1] } }
    func testMulScalarTensor() { gradcheck([randn([3, 5], seed: 1), randn([], seed: 2)]) { $0[0] * $0[1] } }
    func testDiv() { gradcheck([randn([3, 5], seed: 1), randPositive([3, 5], seed: 2)]) { $0[0] / $0[1] } }
    func testDivBroadcast() { gradcheck([randn([3, 5], seed: 1), randPositive([5], seed: 2)]) { $0[0] / $0[1] } }
    func testNeg() { gradcheck([randn([3, 5])]) { -$0[0] } }
    func testScalarOps() { gradcheck([randn([3, 5])]) { (2 - $0[0] * 3 + 1) / 4 } }
    func testScalarDivide() { gradcheck([randPositive([3, 5])]) { 2 / $0[0] } }

    // Math functions.
    func testExp() { gradcheck([randn([3, 5])]) { $0[0].exp() } }
    func testLog() { gradcheck([randPositive([3, 5])]) { $0[0].log() } }
    func testSqrt() { gradcheck([randPositive([3, 5])]) { $0[0].sqrt() } }
    func testSquare() { gradcheck([randn([3, 5])]) { $0[0].square() } }
    func testPow() { gradcheck([randPositive([3, 5])]) { $0[0].pow(2.5) } }
    func testAbs() { gradcheck([randnAwayFromZero([3, 5])]) { $0[0].abs() } }
    func testClamp() {
        let x = Tensor([-1.3, -0.8, -0.2, 0.1, 0.4, 0.9, 1.5, -0.6, 0.65, 2.0, -2.0, 0.3, -0.45, 0.75, 0.2], shape: [3, 5])
        gradcheck([x]) { $0[0].clamp(min: -0.5, max: 0.7) }
    }

    // Activations.
    func testRelu() { gradcheck([randnAwayFromZero([3, 5])]) { $0[0].relu() } }
    func testLeakyRelu() { gradcheck([randnAwayFromZero([3, 5])]) { $0[0].leakyRelu(0.1) } }
    func testElu() { gradcheck([randnAwayFromZero([3, 5])]) { $0[0].elu(0.7) } }
    func testTanh() { gradcheck([randn([3, 5])]) { $0[0].tanh() } }
    func testTanhSmallInputs() { gradcheck([randn([3, 5], scale: 0.2)], eps: 1e-3) { $0[0].tanh() } }
    func testSigmoid() { gradcheck([randn([3, 5], scale: 3)]) { $0[0].sigmoid() } }
    func testSoftplus() { gradcheck([randn([3, 5], scale: 3)]) { $0[0].softplus() } }

    // Reductions.
    func testSumAll() { gradcheck([randn([3, 5])]) { $0[0].sum() } }
    func testMeanAll() { gradcheck([randn([3, 5])]) { $0[0].mean() } }
    func testSumAxes() { gradcheck([randn([2, 3, 5])]) { $0[0].sum(axes: [0, 2]) } }
    func testSumKeepDims() { gradcheck([randn([2, 3, 5])]) { $0[0].sum(axes: [1], keepDims: true) } }
    func testMeanAxes() { gradcheck([randn([2, 3, 5])]) { $0[0].mean(axes: [-1]) } }
    func testMaxAxis() { gradcheck([randn([3, 4, 5])]) { $0[0].max(axis: 1) } }
    func testMaxLastAxisKeep() { gradcheck([randn([3, 5])]) { $0[0].max(axis: -1, keepDims: true) } }

    // Linear algebra.
    func testMatmul() { gradcheck([randn([3, 4], seed: 1), randn([4, 5], seed: 2)]) { matmul($0[0], $0[1]) } }
    func testMatmulTransposeA() { gradcheck([randn([4, 3], seed: 1), randn([4, 5], seed: 2)]) { matmul($0[0], $0[1], transposeA: true) } }
    func testMatmulTransposeB() { gradcheck([randn([3, 4], seed: 1), randn([5, 4], seed: 2)]) { matmul($0[0], $0[1], transposeB: true) } }
    func testMatmulTransposeBoth() {
        gradcheck([randn([4, 3], seed: 1), randn([5, 4], seed: 2)]) { matmul($0[0], $0[1], transposeA: true, transposeB: true) }
    }
    func testMatmulBatched() { gradcheck([randn([2, 3, 4], seed: 1), randn([2, 4, 5], seed: 2)]) { matmul($0[0], $0[1]) } }
    func testLinear() { gradcheck([randn([3, 4], seed: 1), randn([5, 4], seed: 2), randn([5], seed: 3)]) { linear($0[0], $0[1], $0[2]) } }
    func testLinear3D() { gradcheck([randn([2, 3, 4], seed: 1), randn([5, 4], seed: 2), randn([5], seed: 3)]) { linear($0[0], $0[1], $0[2]) } }
    func testMatmulBatchedTransposed() {
        gradcheck([randn([2, 4, 3], seed: 1), randn([2, 5, 4], seed: 2)]) { matmul($0[0], $0[1], transposeA: true, transposeB: true) }
    }
    func testLinearNoBias() { gradcheck([randn([3, 4], seed: 1), randn([5, 4], seed: 2)]) { linear($0[0], $0[1]) } }

    // Convolutions.
    func testConv2d() {
        gradcheck([randn([2, 3, 5, 6], seed: 1), randn([4, 3, 3, 2], seed: 2), randn([4], seed: 3)]) {
            conv2d($0[0], $0[1], bias: $0[2], stride: 1, padding: 1)
        }
    }
    func testConv2dStride2() {
        gradcheck([randn([2, 2, 7, 5], seed: 1), randn([3, 2, 3, 3], seed: 2)]) { conv2d($0[0], $0[1], stride: 2, padding: 2) }
    }
    func testConvTranspose2d() {
        gradcheck([randn([2, 3, 3, 4], seed: 1), randn([3, 2, 4, 4], seed: 2), randn([2], seed: 3)]) {
            convTranspose2d($0[0], $0[1], bias: $0[2], stride: 2, padding: 1)
        }
    }
    func testConvTranspose2dStride1() {
        gradcheck([randn([1, 2, 3, 3], seed: 1), randn([2, 3, 3, 2], seed: 2)]) { convTranspose2d($0[0], $0[1], stride: 1, padding: 0) }
    }

    // Pooling.
    func testMaxPool() { gradcheck([randn([2, 3, 5, 6])]) { maxPool2d($0[0], kernel: 2) } }
    func testMaxPoolOverlapping() { gradcheck([randn([1, 2, 5, 5])]) { maxPool2d($0[0], kernel: 3, stride: 2) } }
    /// A window of -inf sends its gradient to its own first element; a NaN propagates (PyTorch).
    func testMaxPoolNonFiniteWindows() {
        let inf = -Float.infinity
        let x = Tensor([1, 2, inf, inf, 3, 4, inf, inf, .nan, 5, 6, 7, 8, 9, 1, 2], shape: [1, 1, 4, 4], requiresGrad: true)
        let y = maxPool2d(x, kernel: 2)
        XCTAssertEqual(Array(y.scalars[0...1]) + [y.scalars[3]], [4, inf, 7])
        XCTAssertTrue(y.scalars[2].isNaN)
        y.sum().backward()
        // Windows: (0,0) max 4 at 5; (0,1) all -inf, first at 2; (1,0) NaN at 8; (1,1) max 7 at 11.
        XCTAssertEqual(x.grad?.scalars, [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0])
    }
    func testAvgPool() { gradcheck([randn([2, 3, 5, 6])]) { avgPool2d($0[0], kernel: 2) } }
    func testAvgPoolOverlapping() { gradcheck([randn([1, 2, 5, 5])]) { avgPool2d($0[0], kernel: 3, stride: 2) } }
    func testGlobalAvgPool() { gradcheck([randn([2, 3, 3, 5])]) { globalAvgPool2d($0[0]) } }

    // Movement.
    func testReshape() { gradcheck([randn([3, 4])]) { $0[0].reshape([2, -1]) * $0[0].reshape([2, 6]) } }
    func testFlatten() { gradcheck([randn([2, 3, 2, 2])]) { $0[0].flatten() } }
    func testPermute() { gradcheck([randn([2, 3, 4])]) { $0[0].permute([2, 0, 1]) } }
    func testTranspose() { gradcheck([randn([3, 5])]) { $0[0].transpose() } }
    func testConcatChannels() {
        gradcheck([randn([2, 1, 3, 3], seed: 1), randn([2, 2, 3, 3], seed: 2)]) { concat([$0[0], $0[1]], axis: 1) }
    }
    func testSplit() { gradcheck([randn([3, 7])]) { x in let p = x[0].split(sizes: [2, 5], axis: 1); return p[1].sum(axes: [1]) * p[0].sum(axes: [1]) } }
    func testPad() { gradcheck([randn([2, 3, 3])]) { $0[0].pad([(0, 0), (1, 2), (2, 0)]) } }
    func testShrink() { gradcheck([randn([3, 5, 4])]) { $0[0].shrink([(1, 3), (0, 5), (1, 2)]) } }
    func testTranslated() {
        gradcheck([randn([4, 2, 4, 5])]) { $0[0].translated(by: [(1, -2), (0, 0), (-3, 4), (4, 1)]) }
    }
    func testNarrow() { gradcheck([randn([3, 5])]) { $0[0].narrow(1, start: 1, length: 3) } }
    func testIndexSelect() { gradcheck([randn([4, 3])]) { $0[0].indexSelect(rows: [2, 0, 2, 3]) } }
    func testStack() { gradcheck([randn([2, 3], seed: 1), randn([2, 3], seed: 2)]) { stack([$0[0], $0[1]], axis: 1) } }
    func testSqueezeUnsqueeze() { gradcheck([randn([3, 1, 2])]) { $0[0].squeeze(1).unsqueeze(0) } }
    func testNorm() { gradcheck([randn([3, 5])]) { $0[0].norm(axes: [1], keepDims: true) } }
    func testExpand() { gradcheck([randn([3, 1])]) { $0[0].expand(to: [2, 3, 4]) } }

    // Normalisation.
    func testBatchNormTraining2D() {
        gradcheck([randn([5, 3], seed: 1), randPositive([3], seed: 2), randn([3], seed: 3)]) {
            batchNorm($0[0], runningMean: .zeros([3]), runningVar: .ones([3]), weight: $0[1], bias: $0[2], training: true)
        }
    }
    func testBatchNormTraining4D() {
        gradcheck([randn([2, 3, 3, 2], seed: 1), randPositive([3], seed: 2), randn([3], seed: 3)]) {
            batchNorm($0[0], runningMean: .zeros([3]), runningVar: .ones([3]), weight: $0[1], bias: $0[2], training: true)
        }
    }
    func testBatchNormWithoutAffine() {
        gradcheck([randn([4, 3, 2, 3], seed: 1)]) { batchNorm($0[0], runningMean: .zeros([3]), runningVar: .ones([3]), training: true) }
    }
    func testBatchNormEval() {
        gradcheck([randn([2, 3, 3, 2], seed: 1), randPositive([3], seed: 2), randn([3], seed: 3)]) {
            batchNorm($0[0], runningMean: Tensor([0.1, -0.2, 0.3], shape: [3]), runningVar: Tensor([0.5, 1.5, 2], shape: [3]),
                      weight: $0[1], bias: $0[2], training: false)
        }
    }

    // Losses.
    func testLogSoftmax() { gradcheck([randn([3, 5])]) { $0[0].logSoftmax() } }
    func testCrossEntropy() { gradcheck([randn([4, 5])]) { crossEntropy($0[0], [0, 4, 2, 2]) } }
    func testL1Loss() { gradcheck([randn([3, 5], seed: 1), randn([3, 5], seed: 2)]) { l1Loss($0[0], $0[1]) } }
    func testMSELoss() { gradcheck([randn([3, 5], seed: 1), randn([3, 5], seed: 2)]) { mseLoss($0[0], $0[1]) } }
}
