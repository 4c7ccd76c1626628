import Datasets
import Tensor
import XCTest
@testable import Evaluation

/// The classifier-confidence figures of quality.json: `confident` over the generated
/// images, `realConfident` over the held-out real ones (not the real set the Frechet
/// distance is fitted on, which for MNIST is training data the classifier saw).
final class GeneratorConfidenceTests: XCTestCase {
    /// A random LeNet whose logits are scaled up so that its top probabilities spread over (0.5, 1].
    func classifier() -> LeNetClassifier {
        var rng = RNG(seed: 11)
        let c = LeNetClassifier(channels: 1, classes: 2, rng: &rng)
        c.head.weight.withUnsafeMutableBufferPointer { w in for i in w.indices { w[i] *= 40 } }
        return c
    }

    func noise(_ count: Int, seed: UInt64, scale: Float) -> ImageBatch {
        var rng = RNG(seed: seed)
        let pixels = Tensor.randn([count, 1, 32, 32], rng: &rng).scalars.map { max(-1, min(1, scale * $0)) }
        return ImageBatch(count: count, channels: 1, height: 32, width: 32, pixels: pixels)
    }

    /// The fraction of `images` whose top probability is at least 0.9, computed directly.
    func confidentFraction(_ c: LeNetClassifier, _ images: ImageBatch) -> Double {
        let p = c.evaluate(images.pixels, count: images.count).probabilities
        return Double((0..<images.count).filter { max(p[2 * $0], p[2 * $0 + 1]) >= 0.9 }.count) / Double(images.count)
    }

    func testRealConfidentIsOverTheHeldOutImages() throws {
        let c = classifier()
        let generated = noise(60, seed: 1, scale: 0.2), real = noise(60, seed: 2, scale: 1), holdout = noise(60, seed: 3, scale: 0.6)
        let q = GeneratorQuality.evaluate(generated: generated, real: real, realHoldout: holdout, classifier: c,
                                          classifierName: "toy", classifierAccuracy: 1, measurers: [], sprites: false)
        let expected = (generated: confidentFraction(c, generated), real: confidentFraction(c, real),
                        holdout: confidentFraction(c, holdout))
        XCTAssertNotEqual(expected.holdout, expected.real, "the three sets must tell apart which one was used")
        XCTAssertNotEqual(expected.holdout, expected.generated)
        XCTAssertEqual(q.confident, expected.generated)
        XCTAssertEqual(q.realConfident, expected.holdout)
    }
}
