import XCTest
import Tensor

final class AutogradTests: XCTestCase {
    func testBackwardFromScalar() {
        // L = sum(x * x + 3x) -> dL/dx = 2x + 3
        let x = Tensor([1, -2, 0.5], shape: [3], requiresGrad: true)
        (x * x + x * 3).sum().backward()
        XCTAssertEqual(x.grad!.scalars, [5, -1, 4])
    }

    func testBackwardWithSeed() {
        let x = Tensor([1, 2, 3], shape: [3], requiresGrad: true)
        (x * 2).backward(Tensor([1, 10, 100], shape: [3]))
        XCTAssertEqual(x.grad!.scalars, [2, 20, 200])
    }

    func testGradientsAccumulateUntilZeroGrad() {
        let x = Tensor([1, 2], shape: [2], requiresGrad: true)
        (x * 3).sum().backward()
        (x * 3).sum().backward()
        XCTAssertEqual(x.grad!.scalars, [6, 6])
        x.zeroGrad()
        XCTAssertNil(x.grad)
        (x * 3).sum().backward()
        XCTAssertEqual(x.grad!.scalars, [3, 3])
    }

    func testSharedSubexpressionGetsBothContributions() {
        // y = x + x: both branches add into x.grad, and a + b with the same
        // gradient object must not alias a's and b's gradient buffers.
        let a = Tensor([1, 2], shape: [2], requiresGrad: true), b = Tensor([3, 4], shape: [2], requiresGrad: true)
        let y = a + a + b
        y.sum().backward()
        XCTAssertEqual(a.grad!.scalars, [2, 2])
        XCTAssertEqual(b.grad!.scalars, [1, 1])
        a.grad!.withUnsafeMutableBufferPointer { $0[0] = 100 }
        XCTAssertEqual(b.grad!.scalars, [1, 1])
    }

    /// A weight used twice: the second use's weight gradient is added by the product
    /// itself (sgemm with beta 1 into the existing gradient), which must equal the sum of
    /// the two uses' gradients taken separately.
    func testSecondWeightGradientAddsInPlace() {
        var rng = RNG(seed: 4)
        let cases: [(Tensor, (Tensor, Tensor) -> Tensor)] = [
            (Tensor.randn([5, 3], rng: &rng), { x, w in linear(x, w) }),
            (Tensor.randn([4, 2, 3, 3], rng: &rng), { x, w in conv2d(x, w, stride: 2, padding: 1) }),
            (Tensor.randn([2, 4, 3, 3], rng: &rng), { x, w in convTranspose2d(x, w, stride: 2, padding: 1) }),
        ]
        let inputs: [[Int]] = [[4, 3], [3, 2, 7, 7], [3, 2, 5, 5]]
        for ((weightValues, op), shape) in zip(cases, inputs) {
            let x1 = Tensor.randn(shape, rng: &rng), x2 = Tensor.randn(shape, rng: &rng)
            let w = Tensor(weightValues.scalars, shape: weightValues.shape, requiresGrad: true)
            (op(x1, w).square().sum() + op(x2, w).sum()).backward()
            let both = w.grad!.scalars
            w.zeroGrad()
            op(x1, w).square().sum().backward()
            let first = w.grad!.scalars
            w.zeroGrad()
            op(x2, w).sum().backward()
            let second = w.grad!.scalars
            for i in both.indices {
                XCTAssertEqual(both[i], first[i] + second[i], accuracy: 1e-4 * (1 + abs(both[i])), "\(weightValues.shape) \(i)")
            }
        }
    }

    func testNoGradModeRecordsNoGraph() {
        let w = Tensor([1, 2], shape: [2], requiresGrad: true)
        let y = Tensor.withoutGradients { (w * 2).exp().sum() }
        XCTAssertFalse(y.requiresGrad)
        XCTAssertTrue(y.isLeaf)
        XCTAssertTrue(Tensor.isGradEnabled)
        let nested: Bool = Tensor.withoutGradients { Tensor.withoutGradients { Tensor.isGradEnabled } }
        XCTAssertFalse(nested)
        // Nothing requires grad: no graph either.
        let c = Tensor([1, 2], shape: [2])
        XCTAssertTrue((c * 2).isLeaf)
    }

    /// Editors backpropagate through a frozen generator into the latent z.
    func testGradientReachesInputThroughFrozenParameters() {
        let w = randn([4, 3], seed: 1), b = randn([4], seed: 2)     // frozen: requiresGrad = false
        let z = randn([2, 3], seed: 3)
        z.requiresGrad = true
        linear(z, w, b).tanh().square().sum().backward()
        XCTAssertNotNil(z.grad)
        XCTAssertNil(w.grad)
        XCTAssertNil(b.grad)
        gradcheck([z]) { linear($0[0], w, b).tanh() }
    }

    /// The editor set-up with image layers: z -> frozen convT, BN (eval), tanh
    /// -> concat with a fixed image -> frozen conv; only z receives a gradient.
    func testGradientReachesLatentThroughFrozenImageGenerator() {
        let wt = randn([4, 3, 4, 4], seed: 1), wc = randn([2, 6, 3, 3], seed: 2)
        let rm = randn([3], seed: 3), rv = randPositive([3], seed: 4), gamma = randPositive([3], seed: 5), beta = randn([3], seed: 6)
        let fixed = randn([2, 3, 6, 6], seed: 7)
        let z = randn([2, 4, 3, 3], seed: 8)
        func generator(_ z: Tensor) -> Tensor {
            let x = batchNorm(convTranspose2d(z, wt, stride: 2, padding: 1), runningMean: rm, runningVar: rv,
                              weight: gamma, bias: beta, training: false).tanh()
            return conv2d(concat([fixed, x], axis: 1), wc, padding: 1)
        }
        gradcheck([z]) { generator($0[0]) }
        for t in [wt, wc, rm, rv, gamma, beta, fixed] { XCTAssertNil(t.grad) }
    }

    func testIntermediateGradKeptOnlyWhenRetained() {
        let x = Tensor([1, 2], shape: [2], requiresGrad: true)
        let h = x * 2, k = x * 3
        h.retainGrad()
        (h * k).sum().backward()
        XCTAssertEqual(h.grad!.scalars, [3, 6])
        XCTAssertNil(k.grad)
        XCTAssertEqual(x.grad!.scalars, [12, 24])   // d(6 x^2)/dx
    }

    func testRetainGraphAllowsASecondBackward() {
        let x = Tensor([1, 2], shape: [2], requiresGrad: true)
        let h = x.square()
        let a = h.sum(), b = (h * 3).sum()
        a.backward(retainGraph: true)
        b.backward()
        XCTAssertEqual(x.grad!.scalars, [8, 16])    // 2x + 6x
    }

    func testDetachStopsGradient() {
        let x = Tensor([1, 2], shape: [2], requiresGrad: true)
        (x.detach() * x).sum().backward()
        XCTAssertEqual(x.grad!.scalars, [1, 2])
    }

    func testDeepChainDoesNotOverflowTheStack() {
        let x = Tensor([1], shape: [1], requiresGrad: true)
        var y = x
        for _ in 0..<20000 { y = y + 0 }
        y.sum().backward()
        XCTAssertEqual(x.grad!.scalars, [1])
    }

    /// Every inner-run case of binaryForward (both contiguous, scalar right,
    /// scalar left, strided) against an index-by-index computation.
    func testBroadcastForwardEveryRunKind() {
        let pairs: [([Int], [Int])] = [([2, 3, 5], [3, 5]), ([4, 6], [4, 1]), ([4, 1], [4, 6]), ([5, 1], [1, 3]), ([7], [])]
        for (sa, sb) in pairs {
            let a = randn(sa, seed: 1), b = randPositive(sb, seed: 2)
            let shape = broadcastShape(sa, sb)!
            let strides = { (s: [Int]) -> [Int] in
                let padded = [Int](repeating: 1, count: shape.count - s.count) + s
                var st = [Int](repeating: 0, count: shape.count), acc = 1
                for i in stride(from: shape.count - 1, through: 0, by: -1) { st[i] = padded[i] == 1 ? 0 : acc; acc *= padded[i] }
                return st
            }
            let ta = strides(sa), tb = strides(sb)
            let ops: [(Tensor, Tensor) -> Tensor] = [{ $0 + $1 }, { $0 - $1 }, { $0 * $1 }, { $0 / $1 }]
            let refs: [(Float, Float) -> Float] = [{ $0 + $1 }, { $0 - $1 }, { $0 * $1 }, { $0 / $1 }]
            for (op, ref) in zip(ops, refs) {
                let y = op(a, b).scalars, av = a.scalars, bv = b.scalars
                for flat in 0..<y.count {
                    var rest = flat, ia = 0, ib = 0
                    for d in stride(from: shape.count - 1, through: 0, by: -1) {
                        let i = rest % shape[d]; rest /= shape[d]
                        ia += i * ta[d]; ib += i * tb[d]
                    }
                    XCTAssertEqual(y[flat], ref(av[ia], bv[ib]), "\(sa) op \(sb) at \(flat)")
                }
            }
        }
    }

    func testBroadcastShapes() {
        XCTAssertEqual(broadcastShape([3, 1], [1, 5]), [3, 5])
        XCTAssertEqual(broadcastShape([2, 3, 4, 5], [3, 1, 1]), [2, 3, 4, 5])
        XCTAssertEqual(broadcastShape([5], [2, 5]), [2, 5])
        XCTAssertEqual(broadcastShape([], [2, 5]), [2, 5])
        XCTAssertNil(broadcastShape([3], [4]))
        let y = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]) + Tensor([10, 20, 30], shape: [3])
        XCTAssertEqual(y.scalars, [11, 22, 33, 14, 25, 36])
        let z = Tensor([1, 2], shape: [2, 1]) * Tensor([1, 10, 100], shape: [1, 3])
        XCTAssertEqual(z.shape, [2, 3])
        XCTAssertEqual(z.scalars, [1, 10, 100, 2, 20, 200])
        let img = Tensor.ones([2, 3, 2, 2]) + Tensor([1, 2, 3], shape: [1, 3, 1, 1])
        XCTAssertEqual(img.sum(axes: [0, 2, 3]).scalars, [16, 24, 32])
    }

    func testReductionValues() {
        let x = Tensor([1, 5, 3, 4, 2, 6], shape: [2, 3])
        XCTAssertEqual(x.sum().item, 21)
        XCTAssertEqual(x.sum(axes: [0]).scalars, [5, 7, 9])
        XCTAssertEqual(x.mean(axes: [1], keepDims: true).shape, [2, 1])
        XCTAssertEqual(x.max(axis: 1).scalars, [5, 6])
        XCTAssertEqual(x.max(axis: 0).scalars, [4, 5, 6])
    }

    func testMovementValues() {
        let x = Tensor([0, 1, 2, 3, 4, 5], shape: [2, 3])
        XCTAssertEqual(x.transpose().scalars, [0, 3, 1, 4, 2, 5])
        XCTAssertEqual(concat([x, x * 10], axis: 1).scalars, [0, 1, 2, 0, 10, 20, 3, 4, 5, 30, 40, 50])
        XCTAssertEqual(concat([x, x], axis: 0).shape, [4, 3])
        let parts = x.split(sizes: [1, 2], axis: 1)
        XCTAssertEqual(parts[0].scalars, [0, 3])
        XCTAssertEqual(parts[1].scalars, [1, 2, 4, 5])
        XCTAssertEqual(x.pad([(0, 0), (1, 0)]).scalars, [0, 0, 1, 2, 0, 3, 4, 5])
        XCTAssertEqual(x.pad([(1, 1), (1, 1)]).shrink([(1, 3), (1, 4)]).scalars, x.scalars)
        XCTAssertEqual(x.indexSelect(rows: [1, 1, 0]).scalars, [3, 4, 5, 3, 4, 5, 0, 1, 2])
        let st = stack([x, x * 2], axis: 1)
        XCTAssertEqual(st.shape, [2, 2, 3])
        XCTAssertEqual(st.scalars, [0, 1, 2, 0, 2, 4, 3, 4, 5, 6, 8, 10])
        XCTAssertEqual(x.unsqueeze(-1).shape, [2, 3, 1])
        XCTAssertEqual(Tensor([3, 4], shape: [1, 2]).norm(axes: [1]).scalars, [5])
    }
}
