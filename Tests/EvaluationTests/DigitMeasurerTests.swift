import Datasets
import XCTest
@testable import Evaluation

/// Each digit measurer against a synthetic transform of the 300 real fixture digits:
/// W against horizontal stretch, T against dilation, A against shear. A response is
/// monotone if the measured values strictly increase along the transform's levels;
/// we require it of the mean over all digits and of nearly every digit on its own.
final class DigitMeasurerTests: XCTestCase {
    static let digits = (try? DigitTransforms.realDigits()) ?? []

    private func check(_ measurer: any AttributeMeasurer, levels: [Double], minimumFraction: Double,
                       transform: (PlanarImage, Double) -> PlanarImage) {
        XCTAssertEqual(Self.digits.count, 300, "fixture digits")
        var monotone = 0
        var means = [Double](repeating: 0, count: levels.count)
        for digit in Self.digits {
            let values = levels.map { measurer.measure(transform(digit, $0)) }
            if zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) { monotone += 1 }
            for i in levels.indices { means[i] += values[i] / Double(Self.digits.count) }
        }
        let fraction = Double(monotone) / Double(Self.digits.count)
        print(String(format: "%@ over levels %@: mean %@, monotone for %.1f%% of digits", measurer.key,
                     "\(levels)", means.map { String(format: "%.3f", $0) }.joined(separator: " < "), 100 * fraction))
        XCTAssertTrue(zip(means, means.dropFirst()).allSatisfy { $0 < $1 }, "\(measurer.key) mean \(means)")
        XCTAssertGreaterThanOrEqual(fraction, minimumFraction, "\(measurer.key) monotone fraction")
    }

    func testWidthGrowsWithHorizontalStretch() {
        check(DigitWidth(), levels: [0.7, 0.85, 1.0, 1.15, 1.3], minimumFraction: 0.99) { DigitTransforms.stretch($0, by: $1) }
    }

    func testThicknessGrowsWithDilation() {
        check(DigitThickness(), levels: [0, 1, 2], minimumFraction: 0.95) { DigitTransforms.dilate($0, steps: Int($1)) }
    }

    func testSlantGrowsWithShear() {
        check(DigitSlant(), levels: [-0.4, -0.2, 0, 0.2, 0.4], minimumFraction: 0.99) { DigitTransforms.shear($0, by: $1) }
    }

    func testHeightIsStableUnderStretchAndWidthUnderShear() {
        // The deskewed width ignores slant; height ignores horizontal stretch.
        for digit in Self.digits.prefix(50) {
            let w = DigitWidth().measure(digit), h = DigitHeight().measure(digit)
            // (bilinear resampling itself blurs by up to 1/4 px^2 of variance, hence 0.5 px)
            XCTAssertEqual(DigitWidth().measure(DigitTransforms.shear(digit, by: 0.3)), w, accuracy: 0.5)
            XCTAssertEqual(DigitHeight().measure(DigitTransforms.stretch(digit, by: 1.2)), h, accuracy: 0.03 * h)
        }
    }

    func testBlankImageAndKnownStroke() {
        let blank = PlanarImage(channels: 1, height: 32, width: 32, filledWith: -1)
        for measurer in AttributeMeasurers.digits { XCTAssertEqual(measurer.measure(blank), 0, measurer.key) }
        // A vertical bar 3 px wide and 16 px tall: thickness ~3, slant 0.
        var bar = blank
        for y in 8 ..< 24 { for x in 14 ..< 17 { bar[0, y, x] = 1 } }
        XCTAssertEqual(DigitThickness().measure(bar), 3, accuracy: 0.25)
        XCTAssertEqual(DigitSlant().measure(bar), 0, accuracy: 1e-9)
        XCTAssertEqual(DigitHeight().measure(bar), 4 * (255.0 / 12).squareRoot(), accuracy: 1e-9) // 4 sigma of 16 rows
    }
}

extension DigitMeasurerTests {
    func testFaintBackgroundHazeDoesNotMoveTheMeasures() {
        // A generator's background is rarely exactly black: add a 2% grey haze.
        for digit in Self.digits.prefix(30) {
            var hazy = digit
            hazy.pixels = hazy.pixels.map { max($0, -0.96) }
            for measurer in AttributeMeasurers.digits {
                let clean = measurer.measure(digit), faint = measurer.measure(hazy)
                XCTAssertEqual(faint, clean, accuracy: 1e-9, measurer.key)
            }
        }
    }
}
