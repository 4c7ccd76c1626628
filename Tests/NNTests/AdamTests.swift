import XCTest
import Tensor
@testable import NN

final class AdamTests: XCTestCase {
    /// Five steps with betas (0.5, 0.999), L2 weight decay 0.01, fed PyTorch's recorded gradients.
    func testMatchesTorchAdamWithWeightDecay() throws {
        let f = try fixture("adam")
        let p1 = try f.get("p1").tensor(requiresGrad: true)
        let p2 = try f.get("p2").tensor(requiresGrad: true)
        let adam = Adam([p1, p2], learningRate: 0.01, betas: (0.5, 0.999), eps: 1e-8, weightDecay: 0.01)
        for step in 0..<5 {
            p1.grad = try f.get("step\(step).grad.p1").tensor()
            p2.grad = try f.get("step\(step).grad.p2").tensor()
            adam.step()
            assertClose(StoredTensor(p1), try f.get("step\(step).p1"), rtol: 1e-5, atol: 1e-6, "p1 step \(step)")
            assertClose(StoredTensor(p2), try f.get("step\(step).p2"), rtol: 1e-5, atol: 1e-6, "p2 step \(step)")
        }
    }

    /// Groups have their own learning rates; a parameter without a gradient is left alone.
    func testParameterGroupsAndMissingGradients() {
        let a = Tensor([1, 1], shape: [2], requiresGrad: true)
        let b = Tensor([1, 1], shape: [2], requiresGrad: true)
        let c = Tensor([1], shape: [1], requiresGrad: true)
        let adam = Adam(groups: [.init([a], learningRate: 0.1), .init([b, c], learningRate: 0.01)])
        a.grad = Tensor([1, -1], shape: [2])
        b.grad = Tensor([1, -1], shape: [2])
        adam.step()
        // The first Adam step moves every coordinate by lr * sign(g) (up to eps).
        XCTAssertEqual(a.scalars[0], 0.9, accuracy: 1e-6)
        XCTAssertEqual(a.scalars[1], 1.1, accuracy: 1e-6)
        XCTAssertEqual(b.scalars[0], 0.99, accuracy: 1e-6)
        XCTAssertEqual(c.scalars, [1])
        adam.zeroGrad()
        XCTAssertNil(a.grad)
    }

    /// The update runs eight values at a time and the remainder one by one; both paths
    /// must give the same floats, so one call over 19 values (two vectors and a tail of
    /// three) equals 19 calls of one value each, bit for bit, with and without a gradient.
    func testVectorAndScalarPathsAgreeBitForBit() {
        var rng = RNG(seed: 5)
        let n = 19
        let p0 = (0..<n).map { _ in rng.normal() }, g = (0..<n).map { _ in rng.normal() }
        let m0 = (0..<n).map { _ in 0.1 * rng.normal() }, v0 = (0..<n).map { _ in abs(rng.normal()) }
        for withGradient in [true, false] {
            // Rows of one buffer: parameters, first moments, second moments, gradient.
            func updated(chunk: Int) -> [Float] {
                var state = p0 + m0 + v0 + g
                state.withUnsafeMutableBufferPointer { b in
                    let p = b.baseAddress!, m = p + n, v = p + 2 * n, grad = p + 3 * n
                    for i in stride(from: 0, to: n, by: chunk) {
                        Adam.update(p + i, gradient: withGradient ? UnsafePointer(grad + i) : nil, m: m + i, v: v + i,
                                    count: min(chunk, n - i), stepSize: 0.003, correction2: 0.7,
                                    beta1: 0.5, beta2: 0.99, eps: 1e-8, weightDecay: 0.01)
                    }
                }
                return Array(state[0..<(3 * n)])
            }
            let whole = updated(chunk: n), single = updated(chunk: 1)
            XCTAssertEqual(whole.map(\.bitPattern), single.map(\.bitPattern), "gradient \(withGradient)")
            XCTAssertNotEqual(Array(whole[0..<n]), p0, "the update moved the parameters")
        }
    }

    /// ResumableAdam (named state for checkpoints) computes Adam's floats.
    func testResumableAdamMatchesNNAdam() throws {
        var rng = RNG(seed: 1)
        let a = Tensor.randn([5], rng: &rng, requiresGrad: true), b = a.copy()
        b.requiresGrad = true
        let reference = Adam([a], learningRate: 0.01, betas: (0.5, 0.9))
        let ours = ResumableAdam([("p", b)], learningRate: 0.01, betas: (0.5, 0.9))
        for _ in 0..<4 {
            for t in [a, b] {
                t.zeroGrad()
                (t * t * t).sum().backward()
            }
            reference.step()
            ours.update()
        }
        XCTAssertEqual(a.scalars, b.scalars)
    }

    /// A parameter the loss did not reach keeps its value and moments (a zero gradient would
    /// still move it by lr m / sqrt(v) after earlier steps), as torch.optim.Adam leaves it.
    func testResumableAdamLeavesAParameterWithoutGradientAlone() throws {
        var rng = RNG(seed: 2)
        let used = Tensor.randn([3], rng: &rng, requiresGrad: true), idle = Tensor.randn([3], rng: &rng, requiresGrad: true)
        let adam = ResumableAdam([("used", used), ("idle", idle)], learningRate: 0.1, betas: (0.9, 0.999))
        adam.zeroGrad()
        (used * idle).sum().backward()
        adam.update()
        let (value, m, v) = (idle.scalars, adam.m[1], adam.v[1])
        XCTAssertNotEqual(m, [0, 0, 0])
        adam.zeroGrad()
        (used * used).sum().backward()
        adam.update()
        XCTAssertEqual(idle.scalars, value)
        XCTAssertEqual(adam.m[1], m)
        XCTAssertEqual(adam.v[1], v)
    }

    /// The update runs in parallel chunks above 2^15 values; two threads give one's floats.
    func testTwoThreadsUpdateAsOne() {
        func run(threads: Int) -> [Float] {
            let saved = BLAS.threads
            BLAS.setThreads(threads)
            defer { BLAS.setThreads(saved) }
            var rng = RNG(seed: 3)
            let p = Tensor.randn([40_000], rng: &rng, requiresGrad: true)
            let adam = ResumableAdam([("p", p)], learningRate: 0.01, betas: (0.5, 0.9))
            for _ in 0..<3 {
                adam.zeroGrad()
                (p * p * p).sum().backward()
                adam.update()
            }
            return p.scalars
        }
        XCTAssertEqual(run(threads: 1), run(threads: 2))
    }
}
