import Tensor
import XCTest
@testable import Evaluation

final class GeneratorQualityTests: XCTestCase {
    func testFrechetDistanceOfKnownGaussians() {
        // Samples of N(0, I) and N(m, 4 I) in 2-D: FD = |m|^2 + 2 (1 + 4 - 2 * 2) = |m|^2 + 2.
        var rng = RNG(seed: 3)
        let x = (0 ..< 20000).map { _ in [Double(rng.normal()), Double(rng.normal())] }
        let y = (0 ..< 20000).map { _ in [1 + 2 * Double(rng.normal()), -1 + 2 * Double(rng.normal())] }
        XCTAssertEqual(FrechetDistance.between(x, y), 4, accuracy: 0.15)
        XCTAssertEqual(FrechetDistance.between(x, x), 0, accuracy: 1e-9)
    }

    func testSymmetricSquareRootSquaresBack() {
        let a = [[4.0, 1, 0.5], [1, 3, 0.2], [0.5, 0.2, 2]]
        let r = SymmetricEigen.squareRoot(a)
        let back = FrechetDistance.multiply(r, r)
        for i in 0 ..< 3 { for j in 0 ..< 3 { XCTAssertEqual(back[i][j], a[i][j], accuracy: 1e-10) } }
    }

    func testWassersteinLinearIsTheShiftAndCircularTakesTheShortWay() {
        let x = (0 ..< 100).map { Double($0) }
        XCTAssertEqual(Wasserstein.linear(x, x.map { $0 + 3 }), 3, accuracy: 1e-12)
        XCTAssertEqual(Wasserstein.linear([0, 1], [0, 0, 1, 1]), 0, accuracy: 1e-12)
        // All mass at 350 degrees vs all at 10: 20 degrees around the circle, not 340.
        XCTAssertEqual(Wasserstein.circular([350, 350], [10, 10], period: 360), 20, accuracy: 1e-9)
        XCTAssertEqual(Wasserstein.circular(x, x.map { $0 + 5 }, period: 360), 5, accuracy: 1e-9)
    }
}
