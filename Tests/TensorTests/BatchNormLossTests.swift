import XCTest
import Tensor

final class BatchNormLossTests: XCTestCase {
    func testBatchNormTrainingStatisticsAndRunningUpdate() {
        // Channel 0 values 1,2,3,6 (mean 3, biased var 3.5, unbiased 14/3);
        // channel 1 values 0,0,4,4 (mean 2, var 4, unbiased 16/3).
        let x = Tensor([1, 0, 2, 0, 3, 4, 6, 4], shape: [4, 2])
        let rm = Tensor.zeros([2]), rv = Tensor.ones([2])
        let y = batchNorm(x, runningMean: rm, runningVar: rv, training: true, eps: 0)
        XCTAssertEqual(y.scalars[0], -2 / Float(3.5).squareRoot(), accuracy: 1e-5)
        XCTAssertEqual(y.scalars[1], -1, accuracy: 1e-5)
        XCTAssertEqual(rm.scalars[0], 0.3, accuracy: 1e-6)
        XCTAssertEqual(rm.scalars[1], 0.2, accuracy: 1e-6)
        XCTAssertEqual(rv.scalars[0], 0.9 + 0.1 * 14 / 3, accuracy: 1e-6)
        XCTAssertEqual(rv.scalars[1], 0.9 + 0.1 * 16 / 3, accuracy: 1e-6)
    }

    func testBatchNorm4DUsesNHWAndEvalUsesRunningStats() {
        let x = randn([3, 2, 4, 5], seed: 1) * 2 + 1
        let rm = Tensor.zeros([2]), rv = Tensor.ones([2])
        let y = batchNorm(x, runningMean: rm, runningVar: rv, training: true)
        let m = y.mean(axes: [0, 2, 3]).scalars, v = y.square().mean(axes: [0, 2, 3]).scalars
        for c in 0..<2 { XCTAssertEqual(m[c], 0, accuracy: 1e-5); XCTAssertEqual(v[c], 1, accuracy: 1e-3) }
        let rm2 = Tensor([1, -1], shape: [2]), rv2 = Tensor([4, 0.25], shape: [2])
        let e = batchNorm(Tensor([3, 3, 3, 3], shape: [1, 2, 1, 2]), runningMean: rm2, runningVar: rv2,
                          weight: Tensor([1, 2], shape: [2]), bias: Tensor([0, 1], shape: [2]), training: false, eps: 0)
        XCTAssertEqual(e.scalars, [1, 1, 17, 17])
        XCTAssertEqual(rm2.scalars, [1, -1])    // eval leaves running statistics alone
    }

    func testCrossEntropyHandComputed() {
        // Row 0: logits (1, 2, 3), label 2: -log(e^3 / (e + e^2 + e^3)) = 0.40760596
        // Row 1: logits (0, 0, 0), label 0: log 3 = 1.09861229
        let logits = Tensor([1, 2, 3, 0, 0, 0], shape: [2, 3])
        XCTAssertEqual(crossEntropy(logits, [2, 0]).item, (0.40760596 + 1.09861229) / 2, accuracy: 1e-6)
        XCTAssertEqual(logits.logSoftmax().scalars[2], -0.40760596, accuracy: 1e-6)
    }

    func testL1AndMSE() {
        let a = Tensor([1, 2, 3], shape: [3]), b = Tensor([2, 2, 5], shape: [3])
        XCTAssertEqual(l1Loss(a, b).item, 1, accuracy: 1e-6)
        XCTAssertEqual(mseLoss(a, b).item, 5.0 / 3, accuracy: 1e-6)
    }
}
