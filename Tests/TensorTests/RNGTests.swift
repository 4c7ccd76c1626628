import XCTest
import Tensor

final class RNGTests: XCTestCase {
    func testSameSeedSameNumbers() {
        var a = RNG(seed: 42), b = RNG(seed: 42), c = RNG(seed: 43)
        let xa = (0..<100).map { _ in a.next() }, xb = (0..<100).map { _ in b.next() }
        XCTAssertEqual(xa, xb)
        XCTAssertNotEqual(xa, (0..<100).map { _ in c.next() })
    }

    /// Pinned first outputs: a change here changes every seeded result downstream.
    func testKnownFirstValues() {
        var r = RNG(seed: 0)
        XCTAssertEqual((0..<3).map { _ in r.next() }, RNGTests.pinnedBits)
        var n = RNG(seed: 0)
        XCTAssertEqual((0..<4).map { _ in n.normal() }, RNGTests.pinnedNormals)
    }
    // Bits cross-checked against an independent Python xoshiro256** + SplitMix64.
    static let pinnedBits: [UInt64] = [11091344671253066420, 13793997310169335082, 1900383378846508768]
    static let pinnedNormals: [Float] = [-0.014106797, -1.0085865, -1.845895, 1.0669283]

    func testUniformAndNormalMoments() {
        var r = RNG(seed: 7)
        let u = (0..<20000).map { _ in r.uniform() }
        XCTAssertTrue(u.allSatisfy { $0 >= 0 && $0 < 1 })
        XCTAssertEqual(u.reduce(0, +) / 20000, 0.5, accuracy: 0.01)
        let z = (0..<20000).map { _ in r.normal() }
        let mean = z.reduce(0, +) / 20000
        let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20000
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.03)
    }

    func testIntegersAndPermutation() {
        var r = RNG(seed: 3)
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0..<5000 { counts[r.int(below: 5)] += 1 }
        XCTAssertTrue(counts.allSatisfy { $0 > 850 && $0 < 1150 }, "\(counts)")
        let p = r.permutation(50)
        XCTAssertEqual(p.sorted(), Array(0..<50))
        XCTAssertNotEqual(p, Array(0..<50))
        var r1 = RNG(seed: 9), r2 = RNG(seed: 9)
        XCTAssertEqual(r1.permutation(20), r2.permutation(20))
    }

    func testRandnFactoryIsSeeded() {
        var a = RNG(seed: 5), b = RNG(seed: 5)
        XCTAssertEqual(Tensor.randn([3, 4], rng: &a).scalars, Tensor.randn([3, 4], rng: &b).scalars)
        var c = RNG(seed: 5)
        let u = Tensor.rand([100], low: -2, high: 3, rng: &c).scalars
        XCTAssertTrue(u.allSatisfy { $0 >= -2 && $0 < 3 })
    }
}
