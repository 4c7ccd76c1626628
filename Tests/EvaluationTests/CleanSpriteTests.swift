import Datasets
import XCTest
@testable import Evaluation

final class CleanSpriteTests: XCTestCase {
    func testRealSpritesAreCleanAndDamagedOnesAreNot() {
        let sprites = SpriteGenerator(seed: 9).sprites(0..<200).labeled.images
        let checks = sprites.images.map(CleanSprite.init)
        XCTAssertTrue(checks.allSatisfy { $0.components >= 1 })
        let t = CleanSprite.Thresholds.fitted(checks)
        XCTAssertGreaterThanOrEqual(Double(checks.filter { $0.isClean(t) }.count) / 200, 0.95)

        var image = sprites.image(at: 0)
        // A second blob of another hue in a corner: two components and two hues.
        for y in 0..<4 { for x in 0..<4 {
            image[0, y, x] = 1; image[1, y, x] = -1; image[2, y, x] = -1
        } }
        let damaged = CleanSprite(image)
        XCTAssertEqual(damaged.components, 2)
        XCTAssertFalse(damaged.isClean(t))

        // Real sprites are exactly flat and of one hue: the thresholds are the perceptual floors.
        XCTAssertEqual(CleanSprite.Thresholds.percentiles(checks).backgroundStd, 0, accuracy: 1e-6)
        XCTAssertEqual(t.backgroundStd, CleanSprite.Thresholds.floor.backgroundStd)
        XCTAssertEqual(t.hueDeviation, CleanSprite.Thresholds.floor.hueDeviation)

        var noisy = sprites.image(at: 1)
        var rng = DatasetRNG(seed: 1, index: 0)
        for i in 0..<noisy.pixels.count { noisy.pixels[i] += Float(rng.nextUnit() - 0.5) * 0.3 }
        XCTAssertFalse(CleanSprite(noisy).flatBackground(t))
    }

    func testComponentCountUsesEightNeighbours() {
        let on: [Bool] = [true, false, false,
                          false, true, false,
                          false, false, true]
        XCTAssertEqual(CleanSprite.componentCount(on, width: 3, height: 3), 1)
        XCTAssertEqual(CleanSprite.componentCount([true, false, true], width: 3, height: 1), 2)
    }
}
