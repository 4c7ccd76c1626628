import XCTest
@testable import Evaluation

final class FrechetDistanceTests: XCTestCase {
    func testSquareRootSquaresBack() throws {
        let m: [Double] = [4, 1, 0, 1, 3, 1, 0, 1, 2]
        let r = try FrechetDistance.squareRoot(m, n: 3)
        let back = FrechetDistance.multiply(r, r, 3)
        for i in 0..<9 { XCTAssertEqual(back[i], m[i], accuracy: 1e-10) }
    }

    /// Diagonal Gaussians: FD = |mu1 - mu2|^2 + sum (s1 - s2)^2 over the standard deviations.
    func testDistanceOfDiagonalGaussians() {
        let a = FrechetDistance.Gaussian(mean: [0, 0], covariance: [4, 0, 0, 1])
        let b = FrechetDistance.Gaussian(mean: [1, 2], covariance: [1, 0, 0, 9])
        // 1 + 4 + (2 - 1)^2 + (1 - 3)^2 = 10.
        XCTAssertEqual(FrechetDistance.distance(a, b), 10, accuracy: 1e-9)
        XCTAssertEqual(FrechetDistance.distance(a, a), 0, accuracy: 1e-9)
    }

    /// Non-commuting covariances: Tr (S1 S2)^1/2 for S1 = diag(1, 0) ... checked against a closed form.
    func testDistanceWithRotatedCovariance() {
        // S1 = I, S2 = R diag(4, 1) R^T: (S1 S2)^1/2 = S2^1/2, trace 2 + 1 = 3; FD = 2 + 5 - 6 = 1.
        let c = cos(0.3), s = sin(0.3)
        let s2 = [4 * c * c + s * s, (4 - 1) * c * s, (4 - 1) * c * s, 4 * s * s + c * c]
        let fd = FrechetDistance.distance(.init(mean: [0, 0], covariance: [1, 0, 0, 1]), .init(mean: [0, 0], covariance: s2))
        XCTAssertEqual(fd, 1, accuracy: 1e-9)
    }

    /// A diverged generator's NaN features give a NaN distance, not a crash.
    func testNonFiniteCovarianceGivesNaN() {
        let a = FrechetDistance.Gaussian(mean: [0, 0], covariance: [1, 0, 0, 1])
        let b = FrechetDistance.Gaussian(mean: [0, 0], covariance: [.nan, 0, 0, 1])
        XCTAssertTrue(FrechetDistance.distance(a, b).isNaN)
        XCTAssertTrue(FrechetDistance.distance(b, a).isNaN)
    }

    func testFitComputesMeanAndUnbiasedCovariance() {
        let g = FrechetDistance.fit([1, 2, 3, 6], count: 2, dimension: 2)
        XCTAssertEqual(g.mean, [2, 4])
        XCTAssertEqual(g.covariance, [2, 4, 4, 8])
    }

    func testWassersteinOfShiftedSamplesIsTheShift() {
        XCTAssertEqual(Wasserstein.distance([0, 1, 2, 3], [2, 3, 4, 5]), 2, accuracy: 1e-12)
        XCTAssertEqual(Wasserstein.distance([0, 0], [0, 1, 2, 3]), 1.5, accuracy: 1e-12)
        // On a circle, 350 and 10 degrees are 20 apart, not 340.
        XCTAssertEqual(Wasserstein.circularDistance([350], [10], period: 360), 20, accuracy: 1e-9)
        XCTAssertEqual(Wasserstein.circularDistance([10, 100], [10, 100], period: 360), 0, accuracy: 1e-9)
    }
}
