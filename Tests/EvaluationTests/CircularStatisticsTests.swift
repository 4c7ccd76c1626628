import XCTest
@testable import Evaluation

final class CircularStatisticsTests: XCTestCase {
    func testWrap() {
        XCTAssertEqual(CircularStatistics.wrap(190, period: 360), -170)
        XCTAssertEqual(CircularStatistics.wrap(-190, period: 360), 170)
        XCTAssertEqual(CircularStatistics.wrap(180, period: 360), -180)
        XCTAssertEqual(CircularStatistics.wrap(725, period: 360), 5)
    }

    func testPearsonAndCorrelationRatio() {
        XCTAssertEqual(CircularStatistics.pearson([1, 2, 3, 4], [2, 4, 6, 8]), 1, accuracy: 1e-12)
        XCTAssertEqual(CircularStatistics.pearson([1, 2, 3, 4], [8, 6, 4, 2]), -1, accuracy: 1e-12)
        XCTAssertEqual(CircularStatistics.pearson([1, 2, 3], [5, 5, 5]), 0)
        XCTAssertEqual(CircularStatistics.correlationRatio([1, 1, 5, 5], groups: [0, 0, 1, 1]), 1, accuracy: 1e-12)
        XCTAssertEqual(CircularStatistics.correlationRatio([1, 5, 1, 5], groups: [0, 0, 1, 1]), 0, accuracy: 1e-12)
    }

    func testCircularCorrelations() {
        let a = (0 ..< 200).map { Double($0) * 1.8 } // 0 ..< 360, evenly
        let shifted = a.map { ($0 + 100).truncatingRemainder(dividingBy: 360) }
        XCTAssertEqual(CircularStatistics.circularCircular(a, shifted, period: 360), 1, accuracy: 1e-9)
        XCTAssertEqual(CircularStatistics.circularCircular(a, a.map { 360 - $0 }, period: 360), -1, accuracy: 1e-9)
        XCTAssertEqual(CircularStatistics.unwrappedPearson(truth: a, measured: shifted.map { $0 - 100 }, period: 360),
                       1, accuracy: 1e-9)
        // A linear variable that is a cosine of the angle is fully explained by it.
        let x = a.map { cos(($0 + 30) * Double.pi / 180) }
        XCTAssertEqual(CircularStatistics.circularLinear(x, angles: a, period: 360), 1, accuracy: 1e-9)
        let independent = (0 ..< 200).map { Double(($0 * 7919) % 200) }
        XCTAssertLessThan(CircularStatistics.circularLinear(independent, angles: a, period: 360), 0.3)
        XCTAssertEqual(CircularStatistics.meanResultantLength([0, 180], period: 360), 0, accuracy: 1e-12)
    }
}
