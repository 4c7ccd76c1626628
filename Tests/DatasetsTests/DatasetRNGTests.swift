import XCTest
@testable import Datasets

final class DatasetRNGTests: XCTestCase {
    func testMatchesReferenceSequence() {
        // Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var rng = DatasetRNG(seed: 0)
        XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(rng.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(rng.next(), 0x06C4_5D18_8009_454F)
    }

    func testIndexedStreamsAreReproducibleAndDistinct() {
        var a = DatasetRNG(seed: 7, index: 3), b = DatasetRNG(seed: 7, index: 3)
        var c = DatasetRNG(seed: 7, index: 4), d = DatasetRNG(seed: 8, index: 3)
        let x = a.next()
        XCTAssertEqual(x, b.next())
        XCTAssertNotEqual(x, c.next())
        XCTAssertNotEqual(x, d.next())
    }

    func testRangesAndUniformity() {
        var rng = DatasetRNG(seed: 1)
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0 ..< 10000 {
            let u = rng.nextUnit()
            XCTAssert(u >= 0 && u < 1)
            let v = rng.nextDouble(in: 2 ... 3)
            XCTAssert(v >= 2 && v < 3)
            counts[rng.nextIndex(below: 5)] += 1
        }
        for count in counts { XCTAssertEqual(Double(count), 2000, accuracy: 200) }
    }
}
