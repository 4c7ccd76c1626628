import XCTest
import Editors
import NN
import Tensor

/// Finite-difference checks of every editor's edit, in z and in its parameters.
final class EditorGradientTests: XCTestCase {
    func testLinearEditorGradients() {
        var rng = RNG(seed: 20)
        assertEditorGradients(LinearEditor(latentDim: 6, directions: 3, rng: &rng))
    }

    func testWarpedEditorGradients() {
        var rng = RNG(seed: 21)
        // Small radius-scaled dipoles and a larger gamma, so the RBF terms are not all tiny.
        let editor = WarpedEditor(latentDim: 5, directions: 3, dipoles: 2, rng: &rng)
        editor.logGamma.fill(-1)
        assertEditorGradients(editor)
    }

    func testWarpedTraversalGradientInZ() {
        var rng = RNG(seed: 22)
        let editor = WarpedEditor(latentDim: 5, directions: 3, dipoles: 2, rng: &rng)
        let z = Tensor.randn([2, 5], rng: &rng, requiresGrad: true)
        let g = Tensor.randn([2, 5], rng: &rng)
        (editor.traverse(z, direction: 1, amount: 0.5) * g).sum().backward()
        let loss = { Tensor.withoutGradients { (editor.traverse(z, direction: 1, amount: 0.5) * g).sum().item } }
        assertGradientMatchesFiniteDifferences(z, analytic: z.grad, loss: loss, "traverse z")
    }

    func testCurvilinearEditorGradients() {
        var rng = RNG(seed: 23)
        // A small step: the coupling MLPs are piecewise linear (ReLU), and a kink inside
        // [x - h, x + h] spoils the central difference.
        assertEditorGradients(CurvilinearEditor(latentDim: 6, directions: 3, layers: 2, hidden: 8, rng: &rng), step: 1e-3)
    }

    func testCurvilinearLogDeterminantGradient() {
        var rng = RNG(seed: 24)
        let editor = CurvilinearEditor(latentDim: 6, directions: 3, layers: 2, hidden: 8, rng: &rng)
        let z = Tensor.randn([3, 6], rng: &rng, requiresGrad: true)
        editor.flow(z).logDeterminant.square().sum().backward()
        let loss = { Tensor.withoutGradients { editor.flow(z).logDeterminant.square().sum().item } }
        assertGradientMatchesFiniteDifferences(z, analytic: z.grad, loss: loss, step: 1e-3, "logdet z")
        for (name, p) in editor.namedParameters() {
            assertGradientMatchesFiniteDifferences(p, analytic: p.grad, loss: loss, step: 1e-3, "logdet \(name)")
        }
    }

    func testClosedFormEditorGradientInZ() {
        let editor = ClosedFormEditor(method: "test", vectors: [[1, 0, 2, 0], [0, 1, 0, -1]], scores: [2, 1], latentDim: 4)
        assertEditorGradients(editor)
    }
}
