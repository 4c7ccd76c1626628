import XCTest
import Tensor

/// Finite-difference gradient check (tinygrad style, one line per op).
///
/// L = sum(f(inputs) * R) for a fixed random R, so every output element
/// matters with a different weight. Analytic gradients come from backward();
/// numeric ones from centered differences (x +- eps) with L accumulated in
/// Double. Passes when |analytic - numeric| <= atol + rtol |numeric|.
func gradcheck(_ inputs: [Tensor], eps: Float = 1e-3, atol: Float = 2e-3, rtol: Float = 1e-2,
               file: StaticString = #filePath, line: UInt = #line, _ f: ([Tensor]) -> Tensor) {
    for x in inputs { x.requiresGrad = true; x.zeroGrad() }
    let probe = Tensor.withoutGradients { f(inputs) }
    var rng = RNG(seed: 99)
    let r = Tensor.randn(probe.shape, rng: &rng)
    let weights = r.scalars
    (f(inputs) * r).sum().backward()

    func loss() -> Double {
        let y = Tensor.withoutGradients { f(inputs) }.scalars
        var acc: Double = 0
        for i in 0..<y.count { acc += Double(y[i]) * Double(weights[i]) }
        return acc
    }
    for (which, x) in inputs.enumerated() {
        guard let g = x.grad?.scalars else { XCTFail("input \(which) got no gradient", file: file, line: line); continue }
        var worst: Float = 0
        var report = ""
        for i in 0..<x.count {
            let old = x.withUnsafeBufferPointer { $0[i] }
            x.withUnsafeMutableBufferPointer { $0[i] = old + eps }
            let lp = loss()
            x.withUnsafeMutableBufferPointer { $0[i] = old - eps }
            let lm = loss()
            x.withUnsafeMutableBufferPointer { $0[i] = old }
            let numeric = Float((lp - lm) / (2 * Double(eps)))
            let err = Swift.abs(numeric - g[i]) - rtol * Swift.abs(numeric)
            if err > worst { worst = err; report = "input \(which) \(x.shape) element \(i): analytic \(g[i]), numeric \(numeric)" }
        }
        XCTAssertLessThanOrEqual(worst, atol, report, file: file, line: line)
    }
}

/// Deterministic normal test data.
func randn(_ shape: [Int], seed: UInt64 = 1, scale: Float = 1) -> Tensor {
    var rng = RNG(seed: seed)
    return Tensor.randn(shape, rng: &rng) * scale
}

/// Normal data pushed away from 0 by at least `margin` (for ops with a kink at 0).
func randnAwayFromZero(_ shape: [Int], seed: UInt64 = 1, margin: Float = 0.05) -> Tensor {
    let v = randn(shape, seed: seed).scalars.map { $0 >= 0 ? $0 + margin : $0 - margin }
    return Tensor(v, shape: shape)
}

/// Positive data in [lo, hi).
func randPositive(_ shape: [Int], seed: UInt64 = 1, lo: Float = 0.5, hi: Float = 2) -> Tensor {
    var rng = RNG(seed: seed)
    return Tensor.rand(shape, low: lo, high: hi, rng: &rng)
}

func assertClose(_ a: Tensor, _ b: Tensor, atol: Float = 1e-4, rtol: Float = 1e-4,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.shape, b.shape, "shapes differ", file: file, line: line)
    guard a.shape == b.shape else { return }
    let x = a.scalars, y = b.scalars
    for i in 0..<x.count where Swift.abs(x[i] - y[i]) > atol + rtol * Swift.abs(y[i]) {
        XCTFail("element \(i): \(x[i]) vs \(y[i])", file: file, line: line)
        return
    }
}
