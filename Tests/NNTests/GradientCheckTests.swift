import XCTest
import Tensor
@testable import NN

/// Finite-difference checks of the layers whose backward is not a single engine op.
final class GradientCheckTests: XCTestCase {
    /// sum(layer(x) * g) for a fixed g, the scalar every check differentiates.
    private func weightedSum(_ y: Tensor, _ g: Tensor) -> Tensor { (y * g).sum() }

    func testSpectralNormLinearGradient() {
        var rng = RNG(seed: 3)
        let layer = SpectralNorm(Linear(5, 4, rng: &rng), rng: &rng)
        let x = Tensor.randn([3, 5], rng: &rng, requiresGrad: true)
        let g = Tensor.randn([3, 4], rng: &rng)
        _ = layer(x)            // one training power iteration, then freeze u, v
        layer.eval()
        layer.zeroGrad()
        x.zeroGrad()
        weightedSum(layer(x), g).backward()
        let loss = { Tensor.withoutGradients { self.weightedSum(layer(x), g).item } }
        assertGradientMatchesFiniteDifferences(layer.layer.weight, analytic: layer.layer.weight.grad!, loss: loss, "weight_orig")
        assertGradientMatchesFiniteDifferences(x, analytic: x.grad!, loss: loss, "input")
    }

    func testSpectralNormConvGradient() {
        var rng = RNG(seed: 4)
        let layer = SpectralNorm(Conv2d(2, 3, kernelSize: 3, stride: 2, padding: 1, rng: &rng), rng: &rng)
        let x = Tensor.randn([2, 2, 5, 5], rng: &rng)
        let g = Tensor.randn([2, 3, 3, 3], rng: &rng)
        _ = layer(x)
        layer.eval()
        layer.zeroGrad()
        weightedSum(layer(x), g).backward()
        let loss = { Tensor.withoutGradients { self.weightedSum(layer(x), g).item } }
        assertGradientMatchesFiniteDifferences(layer.layer.weight, analytic: layer.layer.weight.grad!, loss: loss, "weight_orig")
    }

    /// Power iteration converges to the top singular value: after many training forwards
    /// the normalised weight has spectral norm 1 (checked by power iteration on W_sn itself).
    func testSpectralNormConvergesToUnitSpectralNorm() {
        var rng = RNG(seed: 5)
        let layer = SpectralNorm(Linear(6, 4, rng: &rng), rng: &rng)
        for _ in 0..<50 { _ = Tensor.withoutGradients { layer.normalizedWeight() } }
        let w = Tensor.withoutGradients { layer.normalizedWeight() }
        var v = Tensor.randn([6, 1], rng: &rng)
        var sigma: Float = 0
        for _ in 0..<200 {
            let wv = matmul(w, v)
            let wtwv = matmul(w, wv, transposeA: true)
            let norm = wtwv.square().sum().item.squareRoot()
            v = wtwv / norm
            sigma = matmul(w, v).square().sum().item.squareRoot()
        }
        XCTAssertEqual(sigma, 1, accuracy: 1e-3)
    }

    func testBatchNormGradientThroughTheLayer() {
        var rng = RNG(seed: 6)
        for shape in [[6, 3], [2, 3, 3, 2]] {
            let bn = BatchNorm(3)
            bn.weight.withUnsafeMutableBufferPointer { for i in 0..<3 { $0[i] = 0.5 + Float(i) } }
            bn.bias.withUnsafeMutableBufferPointer { for i in 0..<3 { $0[i] = Float(i) - 1 } }
            let x = Tensor.randn(shape, rng: &rng, requiresGrad: true)
            let g = Tensor.randn(shape, rng: &rng)
            weightedSum(bn(x), g).backward()
            let loss = { Tensor.withoutGradients { self.weightedSum(bn(x), g).item } }
            assertGradientMatchesFiniteDifferences(x, analytic: x.grad!, loss: loss, "input \(shape)")
            assertGradientMatchesFiniteDifferences(bn.weight, analytic: bn.weight.grad!, loss: loss, "weight \(shape)")
            assertGradientMatchesFiniteDifferences(bn.bias, analytic: bn.bias.grad!, loss: loss, "bias \(shape)")
        }
    }
}
