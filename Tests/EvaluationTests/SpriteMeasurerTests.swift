import Datasets
import XCTest
@testable import Evaluation

/// Each sprite measurer against the known factors of 1,000 random sprites.
///
/// Association of a measurer m with a factor f:
/// - both linear: Pearson's r;
/// - own factor of the hue measurer: Pearson's r after unwrapping the measured hue onto
///   the true hue's branch (measured' = true + wrap(measured - true)), and the
///   Fisher-Lee circular-circular correlation; both must reach 0.98;
/// - circular with linear (hue with V, H, S, B): Mardia's circular-linear R in [0, 1];
/// - circular with circular (hue with rotation): Fisher-Lee rho;
/// - with the shape class: the correlation ratio eta (of cos and sin for hue).
/// Rotation counts as circular (period 360 degrees).
final class SpriteMeasurerTests: XCTestCase {
    static let count = 1000
    static let sprites = SpriteGenerator(seed: 2024).sprites(0 ..< count)

    /// The factors by key, as (values, period or nil).
    private func factors() -> [(key: String, values: [Double], period: Double?)] {
        let f = Self.sprites.factors
        return [("V", f.map(\.centerY), nil), ("H", f.map(\.centerX), nil), ("S", f.map(\.size), nil),
                ("B", f.map(\.background), nil), ("C", f.map(\.hue), 360), ("R", f.map(\.rotation), 360)]
    }

    private func association(_ m: [Double], mPeriod: Double?, _ f: [Double], fPeriod: Double?) -> Double {
        switch (mPeriod, fPeriod) {
        case (nil, nil): abs(CircularStatistics.pearson(m, f))
        case let (p?, nil): CircularStatistics.circularLinear(f, angles: m, period: p)
        case let (nil, p?): CircularStatistics.circularLinear(m, angles: f, period: p)
        case let (p?, _?): abs(CircularStatistics.circularCircular(m, f, period: p))
        }
    }

    func testEachMeasurerTracksItsFactorAndIgnoresTheOthers() {
        let images = Self.sprites.images
        let shapes = Self.sprites.labels
        var report: [String] = []
        for measurer in AttributeMeasurers.sprites {
            let values = measurer.measure(images)
            var own = 0.0, worst = 0.0, worstKey = ""
            for factor in factors() {
                let r = association(values, mPeriod: measurer.period, factor.values, fPeriod: factor.period)
                if factor.key == measurer.key {
                    own = r
                    if let period = measurer.period {
                        own = min(r, CircularStatistics.unwrappedPearson(truth: factor.values, measured: values,
                                                                         period: period))
                    }
                } else if r > worst {
                    worst = r
                    worstKey = factor.key
                }
            }
            let angles = measurer.period.map { p in values.map { $0 * 2 * Double.pi / p } }
            let eta = angles.map { a in
                max(CircularStatistics.correlationRatio(a.map(cos), groups: shapes),
                    CircularStatistics.correlationRatio(a.map(sin), groups: shapes))
            } ?? CircularStatistics.correlationRatio(values, groups: shapes)
            if eta > worst { worst = eta; worstKey = "shape" }
            report.append(String(format: "%@: own %.4f, max other %.3f (%@)", measurer.key, own, worst, worstKey))
            XCTAssertGreaterThanOrEqual(own, 0.98, "\(measurer.key) vs its own factor")
            XCTAssertLessThanOrEqual(worst, 0.2, "\(measurer.key) vs \(worstKey)")
        }
        print("sprite measurers on \(Self.count) sprites: " + report.joined(separator: "; "))
    }

    func testMeasurersReturnFactorUnitsOnACleanSprite() {
        let f = SpriteFactors(shape: .triangle, centerY: 13.25, centerX: 18.5, size: 5.5, rotation: 33,
                              hue: 200, background: 0.3)
        let image = SpriteRenderer(samplesPerAxis: 8).render(f)
        XCTAssertEqual(VerticalPosition().measure(image), 13.25, accuracy: 0.05)
        XCTAssertEqual(HorizontalPosition().measure(image), 18.5, accuracy: 0.05)
        XCTAssertEqual(SpriteSize().measure(image), 5.5, accuracy: 0.05)
        XCTAssertEqual(BackgroundBrightness().measure(image), 0.3, accuracy: 1e-4)
        XCTAssertEqual(ForegroundHue().measure(image), 200, accuracy: 0.01)
    }

    func testImageWithoutForeground() {
        let grey = PlanarImage(channels: 3, height: 32, width: 32, filledWith: 0.2)
        XCTAssertEqual(VerticalPosition().measure(grey), 16)
        XCTAssertEqual(HorizontalPosition().measure(grey), 16)
        XCTAssertEqual(SpriteSize().measure(grey), 0)
        XCTAssertEqual(BackgroundBrightness().measure(grey), 0.6, accuracy: 1e-6)
        XCTAssertEqual(ForegroundHue().measure(grey), 0)
    }

    func testMetadata() {
        XCTAssertEqual(AttributeMeasurers.sprites.map(\.key), ["V", "H", "S", "B", "C"])
        XCTAssertEqual(AttributeMeasurers.digits.map(\.key), ["W", "T", "A", "Ht"])
        XCTAssertEqual(AttributeMeasurers.sprites.filter(\.isCircular).map(\.key), ["C"])
        XCTAssertEqual(ForegroundHue().difference(10, 350), 20)
        XCTAssertEqual(ForegroundHue().difference(350, 10), -20)
        XCTAssertEqual(SpriteSize().difference(10, 350), -340)
        XCTAssertEqual(AttributeMeasurers.measurer(forKey: "B", in: AttributeMeasurers.sprites)?.name,
                       "background brightness")
        XCTAssertNil(AttributeMeasurers.set(named: "faces"))
        XCTAssertEqual(ForegroundHue().dispersion([10, 10, 10]), 0, accuracy: 1e-4)
        XCTAssertEqual(ForegroundHue().dispersion([0, 90, 180, 270]), 360 / Double.pi / 2 * 2.0.squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(SpriteSize().dispersion([1, 3]), 1, accuracy: 1e-12)
    }
}

extension SpriteMeasurerTests {
    /// Generated images are noisy: with +-0.03 of uniform noise on every channel the
    /// measurers still track their factors (the chroma floor ignores the noise).
    func testNoisySpritesStillTrackTheirFactors() {
        let set = SpriteGenerator(seed: 77).sprites(0 ..< 300)
        var rng = DatasetRNG(seed: 1)
        var noisy = set.images
        noisy.pixels = noisy.pixels.map { max(-1, min(1, $0 + Float(rng.nextDouble(in: -0.03 ... 0.03)))) }
        let f = set.factors
        let linear: [(any AttributeMeasurer, [Double])] = [
            (VerticalPosition(), f.map(\.centerY)), (HorizontalPosition(), f.map(\.centerX)),
            (SpriteSize(), f.map(\.size)), (BackgroundBrightness(), f.map(\.background)),
        ]
        for (measurer, truth) in linear {
            XCTAssertGreaterThanOrEqual(CircularStatistics.pearson(measurer.measure(noisy), truth), 0.98, measurer.key)
        }
        let hue = ForegroundHue().measure(noisy)
        XCTAssertGreaterThanOrEqual(CircularStatistics.circularCircular(hue, f.map(\.hue), period: 360), 0.98)
    }
}
