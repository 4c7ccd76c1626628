import XCTest
import Editors
import NN
import Tensor

/// Central differences of `loss` in every entry of `tensor` (up to `limit`
/// entries, spread over the tensor), compared with `analytic`.
func assertGradientMatchesFiniteDifferences(_ tensor: Tensor, analytic: Tensor?, loss: () -> Float,
                                            step h: Float = 1e-2, tolerance: Float = 2e-2, limit: Int = 24,
                                            _ label: String, file: StaticString = #filePath, line: UInt = #line) {
    guard let analytic else { return XCTFail("\(label): no gradient reached the tensor", file: file, line: line) }
    let grads = analytic.scalars
    let stride = max(1, tensor.count / limit)
    var checked: [(index: Int, numeric: Float)] = []
    for i in Swift.stride(from: 0, to: tensor.count, by: stride) {
        let original = tensor.scalars[i]
        tensor.withUnsafeMutableBufferPointer { $0[i] = original + h }
        let up = loss()
        tensor.withUnsafeMutableBufferPointer { $0[i] = original - h }
        let down = loss()
        tensor.withUnsafeMutableBufferPointer { $0[i] = original }
        checked.append((i, (up - down) / (2 * h)))
    }
    // Per element: relative to itself, plus a small share of the largest checked gradient for
    // float32 noise (an absolute 2% let a small gradient be wholly wrong).
    let scale = max(checked.map { Swift.abs($0.numeric) }.max() ?? 0, 1e-3)
    for (i, numeric) in checked where Swift.abs(numeric - grads[i]) > tolerance * Swift.abs(numeric) + 2e-3 * scale {
        XCTFail("\(label)[\(i)]: backward \(grads[i]) vs finite differences \(numeric)", file: file, line: line)
    }
}

/// Checks d/dz and d/dparameters of sum(edit(z) * g).
func assertEditorGradients(_ editor: any LatentEditor, batch: Int = 3, seed: UInt64 = 1, step h: Float = 1e-2,
                           file: StaticString = #filePath, line: UInt = #line) {
    var rng = RNG(seed: seed)
    let d = editor.latentDim
    let z = Tensor.randn([batch, d], rng: &rng, requiresGrad: true)
    let g = Tensor.randn([batch, d], rng: &rng)
    let k = (0..<batch).map { $0 % editor.directions }
    let t = (0..<batch).map { Float($0 % 2 == 0 ? 1.3 : -0.7) }
    editor.zeroGrad()
    (editor.edit(z, directions: k, amounts: t) * g).sum().backward()
    let loss = { Tensor.withoutGradients { (editor.edit(z, directions: k, amounts: t) * g).sum().item } }
    assertGradientMatchesFiniteDifferences(z, analytic: z.grad, loss: loss, step: h, "\(type(of: editor)) z", file: file, line: line)
    for (name, p) in editor.namedParameters() {
        assertGradientMatchesFiniteDifferences(p, analytic: p.grad, loss: loss, step: h, "\(type(of: editor)) \(name)",
                                               file: file, line: line)
    }
}

/// Latents within 4 standard deviations.
func clampedLatents(_ shape: [Int], seed: UInt64) -> Tensor {
    var rng = RNG(seed: seed)
    return Tensor.randn(shape, rng: &rng).clamp(min: -4, max: 4)
}
