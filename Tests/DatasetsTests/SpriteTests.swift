import XCTest
@testable import Datasets

final class SpriteTests: XCTestCase {
    func testSameSeedSameSpritesAndRandomAccess() {
        let a = SpriteGenerator(seed: 42).sprites(0 ..< 20)
        let b = SpriteGenerator(seed: 42).sprites(0 ..< 20)
        XCTAssertEqual(a, b)
        let slice = SpriteGenerator(seed: 42).sprites(5 ..< 8)
        XCTAssertEqual(slice.factors, Array(a.factors[5 ..< 8]))
        XCTAssertEqual(slice.images, a.images.gathering([5, 6, 7]))
        XCTAssertNotEqual(SpriteGenerator(seed: 43).sprites(0 ..< 20).factors, a.factors)
    }

    /// The data format: item 0 of seed 42 is fixed forever (change the format version if this moves).
    func testGoldenItem() {
        let set = SpriteGenerator(seed: 42).sprites(0 ..< 1)
        let f = set.factors[0]
        XCTAssertEqual(f.shape, GoldenSprite.shape)
        XCTAssertEqual(f.centerY, GoldenSprite.centerY, accuracy: 1e-9)
        XCTAssertEqual(f.centerX, GoldenSprite.centerX, accuracy: 1e-9)
        XCTAssertEqual(f.size, GoldenSprite.size, accuracy: 1e-9)
        XCTAssertEqual(f.rotation, GoldenSprite.rotation, accuracy: 1e-9)
        XCTAssertEqual(f.hue, GoldenSprite.hue, accuracy: 1e-9)
        XCTAssertEqual(f.background, GoldenSprite.background, accuracy: 1e-9)
        XCTAssertEqual(Double(set.images.pixels.reduce(0, +)), GoldenSprite.pixelSum, accuracy: 1e-2)
    }

    func testShapeClassesHaveEqualArea() {
        let renderer = SpriteRenderer(samplesPerAxis: 8)
        for shape in SpriteShape.allCases {
            for rotation in [0.0, 17, 45, 100] {
                let factors = SpriteFactors(shape: shape, centerY: 16, centerX: 16, size: 5,
                                            rotation: rotation, hue: 0, background: 0.5)
                // Hue 0 is pure red: R = 1, G = B = 0, so coverage = (0 - G) / (0 - (-1)) with grey 0.
                let image = renderer.render(factors)
                let plane = 32 * 32
                let area = (0 ..< plane).reduce(0.0) { $0 + Double(0 - image.pixels[plane + $1]) }
                XCTAssertEqual(area, 100, accuracy: 1.5, "\(shape.name) at \(rotation) degrees")
            }
        }
    }

    func testStandardRangesKeepShapesInsideAndLargeEnough() {
        let ranges = SpriteFactorRanges.standard
        XCTAssertTrue(ranges.keepsShapesInside(frame: 32))
        XCTAssertGreaterThanOrEqual(ranges.size.lowerBound, 4)
        var wide = ranges
        wide.centerX = 8 ... 24
        XCTAssertFalse(wide.keepsShapesInside(frame: 32))
        // Every drawn sprite keeps its full area: nothing is cut off at the frame.
        let set = SpriteGenerator(seed: 3).sprites(0 ..< 200)
        let plane = 32 * 32
        for (n, f) in set.factors.enumerated() {
            let image = set.images.image(at: n)
            let colour = SpriteRenderer.foregroundColour(hue: f.hue)
            let fgChroma = 2 * (max(colour.r, colour.g, colour.b) - min(colour.r, colour.g, colour.b))
            var area = 0.0
            for i in 0 ..< plane {
                let rgb = (0 ..< 3).map { Double(image.pixels[$0 * plane + i]) }
                area += (rgb.max()! - rgb.min()!) / fgChroma
            }
            XCTAssertEqual(area, 4 * f.size * f.size, accuracy: 0.03 * 4 * f.size * f.size, "sprite \(n)")
        }
    }

    func testColoursAndValueRange() {
        let f = SpriteFactors(shape: .square, centerY: 16, centerX: 16, size: 5, rotation: 0, hue: 120, background: 0.25)
        let image = SpriteRenderer().render(f)
        // Centre pixel is pure green; a corner is the background grey 0.25 -> -0.5.
        XCTAssertEqual(image[0, 16, 16], -1)
        XCTAssertEqual(image[1, 16, 16], 1)
        XCTAssertEqual(image[2, 16, 16], -1)
        for c in 0 ..< 3 { XCTAssertEqual(image[c, 0, 0], -0.5) }
        let set = SpriteGenerator(seed: 9).sprites(0 ..< 50)
        XCTAssertTrue(set.images.pixels.allSatisfy { $0 >= -1 && $0 <= 1 })
        XCTAssertEqual(set.images.shape, [50, 3, 32, 32])
        XCTAssertEqual(set.labels, set.factors.map(\.shape.rawValue))
        XCTAssertEqual(Set(SpriteGenerator(seed: 9).sprites(0 ..< 100).labels), [0, 1, 2])
    }

    func testFactorsCoverTheirRanges() {
        let factors = (0 ..< 2000).map { SpriteGenerator(seed: 5).factors(at: $0) }
        let r = SpriteFactorRanges.standard
        for f in factors {
            XCTAssert(r.centerY.contains(f.centerY) && r.centerX.contains(f.centerX) && r.size.contains(f.size))
            XCTAssert(f.hue >= 0 && f.hue < 360 && r.background.contains(f.background))
        }
        XCTAssertLessThan(factors.map(\.size).min()!, 4.05)
        XCTAssertGreaterThan(factors.map(\.size).max()!, 5.95)
        XCTAssertLessThan(factors.map(\.hue).min()!, 2)
        XCTAssertGreaterThan(factors.map(\.hue).max()!, 358)
    }

    func testTriangleInsideTest() {
        // Circumradius R = 1.755: the top vertex at (0, -R) is inside, just beyond it is not.
        let r = SpriteShape.triangleR
        XCTAssertTrue(SpriteShape.triangle.contains(u: 0, v: -r + 0.01))
        XCTAssertFalse(SpriteShape.triangle.contains(u: 0, v: -r - 0.01))
        XCTAssertTrue(SpriteShape.triangle.contains(u: 0, v: r / 2 - 0.01))
        XCTAssertFalse(SpriteShape.triangle.contains(u: 0, v: r / 2 + 0.01))
        XCTAssertFalse(SpriteShape.square.contains(u: 1.01, v: 0))
        XCTAssertTrue(SpriteShape.ellipse.contains(u: SpriteShape.ellipseA - 0.01, v: 0))
        XCTAssertFalse(SpriteShape.ellipse.contains(u: 0, v: SpriteShape.ellipseB + 0.01))
    }
}

/// Golden values of SpriteGenerator(seed: 42) item 0, recorded when the format was fixed.
enum GoldenSprite {
    static let shape = SpriteShape.ellipse
    static let centerY = 12.776265535486703
    static let centerX = 16.89290247001238
    static let size = 4.859110289692664
    static let rotation = 315.12459360446417
    static let hue = 75.11396527082263
    static let background = 0.3769538784367513
    static let pixelSum = -639.4183349609375
}
