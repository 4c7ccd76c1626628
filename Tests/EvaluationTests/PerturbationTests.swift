import Datasets
import Generators
import Tensor
import XCTest
@testable import Evaluation

/// `Perturbation`: x' = clamp((1 - a) x + a box3(x) + sigma n, -1, 1), and the identity
/// classifier options that train with it.
final class PerturbationTests: XCTestCase {
    /// One 1-channel 4x4 image, -1 everywhere but +1 at (1, 1).
    let spike: [Float] = (0..<16).map { $0 == 5 ? 1 : -1 }

    func testZeroStrengthLeavesImagesUnchanged() {
        var rng = RNG(seed: 1)
        let none = Perturbation(blur: 0, noise: 0)
        var pixels = spike + spike.map { -$0 }
        none.apply(&pixels, count: 2, channels: 1, side: 4, rng: &rng)
        XCTAssertEqual(pixels, spike + spike.map { -$0 })
        XCTAssertEqual(none.atFullStrength(spike, count: 1, channels: 1, side: 4, rng: &rng), spike)
    }

    /// The box mean is over the 3x3 neighbourhood clipped at the border, mixed with weight a.
    func testBlurMixesTheClippedBoxMean() {
        var rng = RNG(seed: 1)
        let out = Perturbation(blur: 0.5, noise: 0).atFullStrength(spike, count: 1, channels: 1, side: 4, rng: &rng)
        // (1, 1): all 9 neighbours inside, one of them the spike: box mean (1 - 8) / 9.
        XCTAssertEqual(out[5], 0.5 * 1 + 0.5 * (-7.0 / 9), accuracy: 1e-6)
        // (0, 0): a corner sees 4 pixels, the spike among them: (1 - 3) / 4.
        XCTAssertEqual(out[0], 0.5 * -1 + 0.5 * (-2.0 / 4), accuracy: 1e-6)
        // (3, 3): 4 pixels, none the spike.
        XCTAssertEqual(out[15], -1, accuracy: 1e-6)
        // A constant image stays constant.
        let flat = Perturbation(blur: 1, noise: 0).atFullStrength([Float](repeating: 0.3, count: 16), count: 1, channels: 1,
                                                                   side: 4, rng: &rng)
        for v in flat { XCTAssertEqual(v, 0.3, accuracy: 1e-6) }
    }

    /// Channels are blurred separately: a spike in channel 0 leaves channel 1 alone.
    func testChannelsAreSeparate() {
        var rng = RNG(seed: 1)
        let zeros = [Float](repeating: -1, count: 16)
        let out = Perturbation(blur: 1, noise: 0).atFullStrength(spike + zeros, count: 1, channels: 2, side: 4, rng: &rng)
        XCTAssertEqual(Array(out[16...]), zeros)
        XCTAssertNotEqual(Array(out[..<16]), spike)
    }

    func testNoiseHasTheFullStrengthStdAndIsClamped() {
        var rng = RNG(seed: 2)
        let n = 64 * 64
        let out = Perturbation(blur: 0, noise: 0.1).atFullStrength([Float](repeating: 0, count: n), count: 1, channels: 1,
                                                                    side: 64, rng: &rng)
        let mean = out.reduce(0, +) / Float(n)
        let std = (out.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(n)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.01)
        XCTAssertEqual(std, 0.1, accuracy: 0.005)
        let loud = Perturbation(blur: 0, noise: 5).atFullStrength([Float](repeating: 0.9, count: n), count: 1, channels: 1,
                                                                   side: 64, rng: &rng)
        XCTAssertTrue(loud.allSatisfy { (-1...1).contains($0) })
        XCTAssertTrue(loud.contains(1) && loud.contains(-1), "noise of std 5 reaches both bounds")
    }

    /// In training each image draws its own strength a in [0, blur]: the spike's value lies
    /// between the unblurred and the fully blurred one, and differs between images.
    func testTrainingStrengthsAreDrawnPerImageAndSeeded() {
        let p = Perturbation(blur: 1, noise: 0)
        var rng = RNG(seed: 3), again = RNG(seed: 3)
        var a = Array([[Float]](repeating: spike, count: 8).joined()), b = a
        p.apply(&a, count: 8, channels: 1, side: 4, rng: &rng)
        p.apply(&b, count: 8, channels: 1, side: 4, rng: &again)
        XCTAssertEqual(a, b)
        let centres = (0..<8).map { a[$0 * 16 + 5] }
        for c in centres { XCTAssertTrue((Float(-7.0 / 9) - 1e-6 ... 1).contains(c), "\(c)") }
        XCTAssertEqual(Set(centres).count, 8)
    }

    /// Without a perturbation the options encode as before, so classifiers cached before the
    /// key existed still match; with one, it round-trips and differs.
    func testOptionsEncodeThePerturbationOnlyWhenSet() throws {
        let plain = IdentityClassifiers.Options()
        let text = String(decoding: try encodeJSON(plain), as: UTF8.self)
        XCTAssertFalse(text.contains("perturbation"))
        let old = #"{"batch": 64, "epochs": 2, "learning_rate": 0.001, "seed": 0}"#
        XCTAssertEqual(try decodeJSON(IdentityClassifiers.Options.self, from: Data(old.utf8)), plain)
        var robust = plain
        robust.perturbation = Perturbation(blur: 1, noise: 0.1)
        XCTAssertEqual(try decodeJSON(IdentityClassifiers.Options.self, from: try encodeJSON(robust)), robust)
        XCTAssertNotEqual(robust, plain)
    }

    /// A classifier trained with a perturbation reports its accuracy on perturbed held-out
    /// images; one trained without reports none.
    func testReportCarriesThePerturbedAccuracy() throws {
        let sprites = SpriteGenerator(seed: 5)
        let train = sprites.sprites(0..<64).labeled, test = sprites.sprites(64..<96).labeled
        var options = IdentityClassifiers.Options()
        options.epochs = 1
        options.batch = 32
        let (_, plain) = try IdentityClassifiers.train(name: "t", train: train, test: test, classes: 3, options: options)
        XCTAssertNil(plain.perturbedAccuracy)
        XCTAssertFalse(plain.accuracySummary.contains("perturbed"))
        options.perturbation = Perturbation(blur: 1, noise: 0.1)
        let (model, robust) = try IdentityClassifiers.train(name: "t", train: train, test: test, classes: 3, options: options)
        let expected = IdentityClassifiers.accuracy(model, IdentityClassifiers.perturbed(test, by: options.perturbation!, seed: 0))
        XCTAssertEqual(robust.perturbedAccuracy, expected)
        XCTAssertTrue(robust.accuracySummary.contains("perturbed"))
    }
}
