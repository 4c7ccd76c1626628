import XCTest
import Editors
import NN
import Tensor

final class ClosedFormTests: XCTestCase {
    /// The eigensolver's refusal of non-finite input reaches the caller as an EditorError
    /// (the solver itself is tested in TensorTests/SymmetricEigenTests).
    func testSeFaRejectsNonFiniteWeights() {
        XCTAssertThrowsError(try SeFa.fit(firstLayerWeight: Tensor([1, .nan, 0, 1], shape: [2, 2]), directions: 1)) {
            XCTAssertEqual($0 as? EditorError, .eigenSolverFailed(reason: "the matrix has non-finite entries"))
        }
    }

    /// W scales latent axis 3 most, then axis 0: SeFa finds e_3 then e_0.
    func testSeFaFindsTheMostAmplifiedLatentAxes() throws {
        var rng = RNG(seed: 51)
        let d = 6, out = 20
        var w = (0..<(out * d)).map { _ in rng.normal() * 0.01 }
        for r in 0..<out { w[r * d + 3] += 5 * rng.normal(); w[r * d + 0] += 2 * rng.normal() }
        let editor = try SeFa.fit(firstLayerWeight: Tensor(w, shape: [out, d]), directions: 2)
        let u = editor.basis.scalars   // [D, K]
        XCTAssertGreaterThan(Swift.abs(u[3 * 2 + 0]), 0.99)
        XCTAssertGreaterThan(Swift.abs(u[0 * 2 + 1]), 0.99)
        XCTAssertGreaterThan(editor.scores[0], editor.scores[1])
    }

    /// Activations y = W z with one latent axis dominating the variance: the first
    /// GANSpace direction maps back to that axis.
    func testGANSpaceMapsTheTopComponentBackToTheLatent() throws {
        var rng = RNG(seed: 52)
        let d = 8, p = 40
        var w = (0..<(p * d)).map { _ in rng.normal() * 0.05 }
        for r in 0..<p { w[r * d + 5] += 3 * rng.normal() }
        let weight = Tensor(w, shape: [p, d])
        let editor = try GANSpace.fit(firstLayer: { linear($0, weight) }, latentDim: d, directions: 3,
                                      samples: 500, seed: 53)
        let u = editor.basis.scalars
        XCTAssertGreaterThan(Swift.abs(u[5 * 3 + 0]), 0.98)
        XCTAssertEqual(editor.directions, 3)
        for k in 0..<3 {
            XCTAssertEqual((0..<d).reduce(Float(0)) { $0 + u[$1 * 3 + k] * u[$1 * 3 + k] }, 1, accuracy: 1e-5)
        }
    }
}
