// An attribute measurer: a pure function image -> value (DESIGN.md section 4),
// with the metadata the metrics need (key, name, unit, whether it is circular).

import Datasets

public protocol AttributeMeasurer: Sendable {
    /// Short key used in configs and tables (V, H, S, B, C; W, T, A, Ht).
    var key: String { get }
    /// Human name, e.g. "vertical position".
    var name: String { get }
    /// Unit of the value, e.g. "px", "degrees".
    var unit: String { get }
    /// The period of a circular attribute (360 for hue in degrees); nil if linear.
    var period: Double? { get }
    func measure(_ image: PlanarImage) -> Double
}

extension AttributeMeasurer {
    public var period: Double? { nil }
    public var isCircular: Bool { period != nil }

    public func measure(_ batch: ImageBatch) -> [Double] {
        (0 ..< batch.count).map { measure(batch.image(at: $0)) }
    }

    /// a - b; for a circular attribute the signed shortest arc, in [-period/2, period/2).
    public func difference(_ a: Double, _ b: Double) -> Double {
        guard let period else { return a - b }
        return CircularStatistics.wrap(a - b, period: period)
    }

    /// Spread of values: the standard deviation for a linear attribute; for a circular
    /// one the angular deviation sqrt(2 (1 - R)) (R the mean resultant length) in the
    /// attribute's units, which is ~ the standard deviation for concentrated data and
    /// stays finite for uniform data (sqrt 2 radians = 81 degrees).
    public func dispersion(_ values: [Double]) -> Double {
        guard let period else { return CircularStatistics.standardDeviation(values) }
        let resultant = CircularStatistics.meanResultantLength(values, period: period)
        return (2 * (1 - resultant)).squareRoot() * period / (2 * Double.pi)
    }
}

/// The measurer sets of the datasets.
public enum AttributeMeasurers {
    /// Sprites: V, H, S, B, C.
    public static let sprites: [any AttributeMeasurer] = [
        VerticalPosition(), HorizontalPosition(), SpriteSize(), BackgroundBrightness(), ForegroundHue(),
    ]

    /// Digits (MNIST, any grey IDX set): W, T, A, Ht.
    public static let digits: [any AttributeMeasurer] = [
        DigitWidth(), DigitThickness(), DigitSlant(), DigitHeight(),
    ]

    /// The measurer set named in a config ("sprites" or "digits"), nil otherwise.
    public static func set(named name: String) -> [any AttributeMeasurer]? {
        switch name {
        case "sprites": sprites
        case "digits", "mnist": digits
        default: nil
        }
    }

    /// The measurer with `key` in `set`, nil if there is none.
    public static func measurer(forKey key: String, in set: [any AttributeMeasurer]) -> (any AttributeMeasurer)? {
        set.first { $0.key == key }
    }
}
