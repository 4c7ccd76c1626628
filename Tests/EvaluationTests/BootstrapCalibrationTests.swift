import Tensor
import XCTest
@testable import Evaluation

final class BootstrapCalibrationTests: XCTestCase {
    func sample(_ n: Int, seed: UInt64) -> [Double] {
        var rng = RNG(seed: seed)
        return (0 ..< n).map { _ in Double(rng.normal()) * 2 + 5 }
    }

    func testIntervalContainsTheMeanAndShrinksWithN() {
        let bootstrap = Bootstrap(resamples: 1000, seed: 9)
        let small = bootstrap.mean(sample(100, seed: 1)), large = bootstrap.mean(sample(1600, seed: 2))
        for e in [small, large] { XCTAssertTrue(e.lower < e.mean && e.mean < e.upper, "\(e)") }
        XCTAssertEqual(small.samples, 100)
        // The width scales as 1/sqrt(n): 16x the samples, about a quarter of the width.
        let ratio = (large.upper - large.lower) / (small.upper - small.lower)
        XCTAssertEqual(ratio, 0.25, accuracy: 0.08)
        // 95% interval of a mean of N(5, 2^2) with n = 1600: about +-1.96 * 2 / 40.
        XCTAssertEqual(large.upper - large.lower, 2 * 1.96 * 2 / 40, accuracy: 0.03)
    }

    func testBootstrapIsSeeded() {
        let values = sample(50, seed: 4)
        XCTAssertEqual(Bootstrap(resamples: 300, seed: 1).mean(values), Bootstrap(resamples: 300, seed: 1).mean(values))
        XCTAssertNotEqual(Bootstrap(resamples: 300, seed: 1).mean(values), Bootstrap(resamples: 300, seed: 2).mean(values))
    }

    func testStatisticOfOneColumnIsTheMean() {
        let values = sample(80, seed: 5), bootstrap = Bootstrap(resamples: 400, seed: 3)
        XCTAssertEqual(bootstrap.statistic([values]) { $0[0] }, bootstrap.mean(values))
        XCTAssertEqual(bootstrap.statistic([[]]) { $0[0] }.samples, 0)
        XCTAssertEqual(bootstrap.statistic([values, [1]]) { $0[0] }.samples, 0, "columns of unequal length")
    }

    /// A ratio of means resamples its denominator with its numerator: a numerator that is the
    /// denominator times 2 gives exactly 2 on every resample, so the interval has no width;
    /// holding the denominator at its full-sample mean (the old way) gives a wide one.
    func testRatioIntervalRecomputesTheDenominator() {
        let d = sample(200, seed: 6).map(abs), x = d.map { 2 * $0 }
        let bootstrap = Bootstrap(resamples: 500, seed: 7)
        let ratio = bootstrap.statistic([x, d]) { $0[0] / $0[1] }
        XCTAssertEqual(ratio.mean, 2, accuracy: 1e-12)
        XCTAssertEqual(ratio.lower, 2, accuracy: 1e-12)
        XCTAssertEqual(ratio.upper, 2, accuracy: 1e-12)
        let dMean = d.reduce(0, +) / Double(d.count)
        let held = bootstrap.mean(x.map { $0 / dMean })
        XCTAssertEqual(held.mean, 2, accuracy: 1e-12)
        XCTAssertGreaterThan(held.upper - held.lower, 0.2)
    }

    func testBisectionHitsTheTargetOfAMonotoneCurve() {
        let calibrator = StrengthCalibrator(target: 1, initialStrength: 3, tolerance: 0.001)
        // D(T) = T^2 / 50 crosses 1 at T = sqrt 50 ~ 7.07, beyond the first guess: doubling then bisection.
        let outcome = calibrator.calibrate(attribute: "x") { $0 * $0 / 50 }
        XCTAssertTrue(outcome.reached)
        XCTAssertEqual(outcome.achieved, 1, accuracy: 0.001)
        XCTAssertEqual(outcome.strength, 50.0.squareRoot(), accuracy: 0.01)
    }

    func testBisectionReportsATargetItCannotReach() {
        let outcome = StrengthCalibrator(target: 1, initialStrength: 1, maxDoublings: 3).calibrate(attribute: "x") { _ in 0.2 }
        XCTAssertFalse(outcome.reached)
        XCTAssertEqual(outcome.strength, 8)
    }

    func testCalibratedStrengthGivesTargetChangeOfOneSigma() throws {
        // D_j(T) = speed_j T / sigma_j, so T_j = sigma_j / speed_j.
        let editor = PlantedTranslations(coordinates: [1, 0], signs: [1, -1], speeds: [0.5, 4])
        let evaluator = try EditorEvaluator(settings: Toys.settings(latents: 50, calibrate: true),
                                            attributes: Toys.attributes(2, sigmas: [2, 3]),
                                            generator: CoordinateGenerator(latentDim: 2), classifier: nil)
        let result = try evaluator.evaluate(editor)
        let calibration = try XCTUnwrap(result.calibration)
        XCTAssertEqual(calibration[0].strength, 2 / 4, accuracy: 0.01)   // A0 <- direction 1, speed 4, sigma 2
        XCTAssertEqual(calibration[1].strength, 3 / 0.5, accuracy: 0.06) // A1 <- direction 0, speed 0.5, sigma 3
        let calibrated = try XCTUnwrap(result.calibrated)
        for d in calibrated.targetChange { XCTAssertEqual(d.mean, 1, accuracy: 0.01) }
        // Displacement |phi_j z - z| = speed_j T_j.
        XCTAssertEqual(calibrated.displacement[0].mean, 2, accuracy: 0.02)
        XCTAssertEqual(calibrated.displacement[1].mean, 3, accuracy: 0.03)
        // At the fixed T = 2: D = speed T / sigma.
        XCTAssertEqual(result.fixed.targetChange[0].mean, 4 * 2 / 2, accuracy: 1e-5)
        XCTAssertEqual(result.fixed.targetChange[1].mean, 0.5 * 2 / 3, accuracy: 1e-5)
    }

    func testZeroSpreadAttributeIsATypedError() {
        XCTAssertThrowsError(try EditorEvaluator(settings: Toys.settings(), attributes: Toys.attributes(1, sigmas: [0]),
                                                 generator: CoordinateGenerator(latentDim: 2), classifier: nil)) { error in
            XCTAssertEqual(error as? EvaluationError, .zeroSpread(attribute: "A0"))
        }
    }
}
