import XCTest
@testable import Evaluation

final class EditMetricsTests: XCTestCase {
    let generator = CoordinateGenerator(latentDim: 4)

    func testTranslationsHaveNoSideEffectsAndCommuteExactly() throws {
        let editor = PlantedTranslations(coordinates: [2, 0, 1], signs: [1, 1, -1], speeds: [1, 2, 0.5])
        let evaluator = try EditorEvaluator(settings: Toys.settings(), attributes: Toys.attributes(3, sigmas: [1, 2, 0.5]),
                                            generator: generator, classifier: nil)
        let m = try evaluator.evaluate(editor).fixed
        for j in 0 ..< 3 {
            for l in 0 ..< 3 { XCTAssertEqual(m.sideEffect[j][l], j == l ? 100 : 0, "S[\(j)][\(l)]") }
        }
        XCTAssertEqual(m.sideEffectOffDiagonal.mean, 0)
        XCTAssertEqual(m.commutativityOrder.count, 3) // pairs (0,1), (0,2), (1,2)
        XCTAssertEqual(m.commutativityOrderMean.mean, 0, accuracy: 1e-9)
        XCTAssertEqual(m.commutativityRoundTripMean.mean, 0, accuracy: 1e-4) // Float rounding of z + t - t
        XCTAssertEqual(m.latentCommutator.mean, 0, accuracy: 1e-4)
        XCTAssertEqual(m.samples, 500)
        XCTAssertNil(m.identity)
    }

    func testOneDirectionMovingOneAttributeLeavesTheOthersUntouched() throws {
        // Attribute A1's direction also moves A2 by half as much: S[1][2] = 100 * (0.5 T / 1) / (T / 1) = 50.
        struct Leaky: EditFunction {
            var directions: Int { 3 }
            func edit(_ z: LatentBatch, direction k: Int, amounts: [Double]) -> LatentBatch {
                var out = z
                for b in 0 ..< z.count {
                    out.values[b * z.dim + k] += Float(amounts[b])
                    if k == 1 { out.values[b * z.dim + 2] += Float(amounts[b] / 2) }
                }
                return out
            }
        }
        let evaluator = try EditorEvaluator(settings: Toys.settings(latents: 100), attributes: Toys.attributes(3),
                                            generator: generator, classifier: nil)
        let m = try evaluator.evaluate(Leaky()).fixed
        XCTAssertEqual(m.sideEffect[1][2], 50, accuracy: 1e-4)
        XCTAssertEqual(m.sideEffect[0], [100, 0, 0])
        XCTAssertEqual(m.sideEffect[2], [0, 0, 100])
        XCTAssertEqual(m.sideEffectOffDiagonal.mean, 50.0 / 6, accuracy: 1e-4)
    }

    func testShearCommutatorHasItsAnalyticSize() throws {
        // phi_1 phi_0 z - phi_0 phi_1 z = (0, c T0 T1) and the round trip leaves (0, c T0 T1):
        // on attribute 1 both errors are 100 c T0 T1 / (sigma_1 D_1) with D_1 = mean |T1 (1 + c z0)| / sigma_1;
        // on attribute 0 both are zero; the latent commutator is 100 |c T0 T1| / T0 = 100 c T1.
        let c = 0.1, t = 2.0
        let settings = Toys.settings(strength: t)
        let evaluator = try EditorEvaluator(settings: settings, attributes: Toys.attributes(2),
                                            generator: CoordinateGenerator(latentDim: 2), classifier: nil)
        let m = try evaluator.evaluate(ShearEditor(c: c)).fixed
        let z = LatentBatch.normal(count: settings.latents, dim: 2, seed: settings.seed(.heldOut))
        let d1 = (0 ..< z.count).reduce(0.0) { $0 + abs(t * (1 + c * Double(z.values[2 * $1]))) } / Double(z.count)
        XCTAssertEqual(m.targetChange[1].mean, d1, accuracy: 1e-5)
        let expected = 100 * c * t * t / d1 // about 100 c T0 = 20 since E|1 + c z0| = 1 for small c
        XCTAssertEqual(expected, 20, accuracy: 0.5)
        let order = try XCTUnwrap(m.commutativityOrder.first), round = try XCTUnwrap(m.commutativityRoundTrip.first)
        XCTAssertEqual(order.first, "A0"); XCTAssertEqual(order.second, "A1")
        XCTAssertEqual(order.firstError.mean, 0, accuracy: 1e-9)
        XCTAssertEqual(order.secondError.mean, expected, accuracy: 1e-3)
        XCTAssertEqual(round.firstError.mean, 0, accuracy: 1e-4)
        XCTAssertEqual(round.secondError.mean, expected, accuracy: 1e-3)
        XCTAssertEqual(m.commutativityOrderMean.mean, expected / 2, accuracy: 1e-3)
        XCTAssertEqual(m.latentCommutator.mean, 100 * c * t, accuracy: 1e-3)
        XCTAssertTrue(m.commutativityOrderMean.lower <= m.commutativityOrderMean.mean)
        XCTAssertTrue(m.commutativityOrderMean.mean <= m.commutativityOrderMean.upper)
    }

    func testIdentityErrorCountsClassFlips() throws {
        // The classifier reads the sign of z3; editing A0 also shifts z3 by +T, which flips the
        // class exactly for latents with -T < z3 <= 0. Editing A1 leaves z3 alone.
        struct MovesIdentity: EditFunction {
            var directions: Int { 2 }
            func edit(_ z: LatentBatch, direction k: Int, amounts: [Double]) -> LatentBatch {
                var out = z
                for b in 0 ..< z.count {
                    out.values[b * z.dim + k] += Float(amounts[b])
                    if k == 0 { out.values[b * z.dim + 3] += Float(amounts[b]) }
                }
                return out
            }
        }
        let settings = Toys.settings(strength: 0.5)
        let evaluator = try EditorEvaluator(settings: settings, attributes: Toys.attributes(2),
                                            generator: CoordinateGenerator(latentDim: 4), classifier: SignClassifier(index: 3))
        let identity = try XCTUnwrap(try evaluator.evaluate(MovesIdentity()).fixed.identity)
        let z = LatentBatch.normal(count: settings.latents, dim: 4, seed: settings.seed(.heldOut))
        let flips = (0 ..< z.count).filter { z.values[4 * $0 + 3] <= 0 && z.values[4 * $0 + 3] + 0.5 > 0 }.count
        XCTAssertEqual(identity.perAttribute[0].mean, 100 * Double(flips) / Double(z.count), accuracy: 1e-9)
        XCTAssertEqual(identity.perAttribute[1].mean, 0)
        XCTAssertEqual(identity.mean.mean, 50 * Double(flips) / Double(z.count), accuracy: 1e-9)
        XCTAssertGreaterThan(flips, 50) // P(-0.5 < z <= 0) = 19%
    }
}
