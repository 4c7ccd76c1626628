import XCTest
@testable import Evaluation

final class DirectionMatchingTests: XCTestCase {
    func testHungarianBeatsGreedyWhereGreedyFails() {
        // Greedy takes 0.9 then 0.1 (total 1.0); the optimum is 0.8 + 0.85.
        XCTAssertEqual(Hungarian.maximise([[0.9, 0.8], [0.85, 0.1]]), [1, 0])
    }

    func testHungarianMatchesBruteForceOnRectangularMatrices() {
        var state: UInt64 = 12345
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) * 0x1.0p-53 }
        for _ in 0 ..< 20 {
            let cost = (0 ..< 4).map { _ in (0 ..< 6).map { _ in next() } }
            let chosen = Hungarian.assign(cost)
            XCTAssertEqual(Set(chosen).count, 4)
            let total = zip(0..., chosen).reduce(0) { $0 + cost[$1.0][$1.1] }
            XCTAssertEqual(total, bruteForce(cost), accuracy: 1e-12)
        }
    }

    func bruteForce(_ cost: [[Double]]) -> Double {
        var best = Double.infinity
        func go(_ row: Int, _ used: Set<Int>, _ sum: Double) {
            if row == cost.count { best = min(best, sum); return }
            for c in 0 ..< cost[0].count where !used.contains(c) { go(row + 1, used.union([c]), sum + cost[row][c]) }
        }
        go(0, [], 0)
        return best
    }

    func testMatchingRecoversPlantedPermutationAndSigns() throws {
        // Direction k moves coordinate coordinates[k]; attributes read coordinates 0, 1, 2.
        let editor = PlantedTranslations(coordinates: [3, 2, 0, 1, 3], signs: [1, -1, 1, -1, 1], speeds: [1, 0.5, 2, 1, 3])
        let match = try DirectionMatcher(strength: 2, points: 9)
            .match(editor: editor, generator: CoordinateGenerator(latentDim: 4), attributes: Toys.attributes(3),
                   latents: .normal(count: 16, dim: 4, seed: 1))
        XCTAssertEqual(match.assignments.map(\.direction), [2, 3, 1])
        XCTAssertEqual(match.assignments.map(\.sign), [1, -1, -1])
        for a in match.assignments { XCTAssertEqual(a.score, 1, accuracy: 1e-6) }
        XCTAssertEqual(match.score.count, 5)
        XCTAssertEqual(match.score[0], [0, 0, 0]) // moves only the unmeasured coordinate
    }

    func testTooFewDirectionsIsATypedError() {
        let editor = PlantedTranslations(coordinates: [0], signs: [1], speeds: [1])
        XCTAssertThrowsError(try DirectionMatcher(strength: 1, points: 9).match(
            editor: editor, generator: CoordinateGenerator(latentDim: 2), attributes: Toys.attributes(2),
            latents: .normal(count: 4, dim: 2, seed: 1))) { error in
            XCTAssertEqual(error as? DirectionMatchingError, .tooFewDirections(directions: 1, attributes: 2))
        }
    }

    func testCircularPathsAreUnwrappedBeforeCorrelating() throws {
        XCTAssertEqual(DirectionMatcher.unwrapped([350, 10, 30], period: 360), [350, 370, 390])
        XCTAssertEqual(DirectionMatcher.unwrapped([350, 10, 30], period: nil), [350, 10, 30])
        // A hue turning 100 degrees per unit t over t in [-3, 3] wraps around the circle
        // (600 degrees), yet correlates perfectly with t once unwrapped.
        let hue = MeasuredAttribute(measurer: CoordinateMeasurer(index: 0, key: "C", scale: 100, period: 360), sigma: 50)
        let editor = PlantedTranslations(coordinates: [0, 1], signs: [-1, 1], speeds: [1, 1])
        let match = try DirectionMatcher(strength: 3, points: 13)
            .match(editor: editor, generator: CoordinateGenerator(latentDim: 2), attributes: [hue],
                   latents: .normal(count: 8, dim: 2, seed: 3))
        XCTAssertEqual(match.assignments[0].direction, 0)
        XCTAssertEqual(match.assignments[0].sign, -1)
        XCTAssertEqual(match.assignments[0].score, 1, accuracy: 1e-6)
    }
}
