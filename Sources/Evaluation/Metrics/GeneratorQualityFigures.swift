// Generator quality as results.json reports it (DESIGN.md section 5). The figures
// themselves (Frechet distances on identity-classifier features, W1 per attribute,
// classifier confidence, predicted class mix, clean-sprite rate) are computed with the
// generator artifact (Evaluation/Identity, `quality.json`); the evaluation copies them
// into results.json.

import Foundation

/// The generator-quality figures of results.json.
public struct GeneratorQualityFigures: Equatable, Sendable {
    /// Frechet distance, generated vs real features.
    public var frechet: Double
    /// The same between two disjoint sets of real images (the floor).
    public var frechetReal: Double
    /// Generated images the figures are over.
    public var samples: Int
    /// W1 per attribute key, in units of sigma.
    public var wasserstein: [String: Double]
    /// The feature space: `identity_classifier` (the classifier's name may follow after a colon).
    public var features: String
    /// Fraction of generated images whose top class probability is at least 0.9.
    public var confident: Double?
    /// The same for held-out real images.
    public var confidentReal: Double?
    /// Fraction of generated and of real images per predicted class, in the classifier's order.
    public var classFractions: [Double]?
    public var realClassFractions: [Double]?
    /// The classes' names in the same order (the identity classifier's recipe knows them;
    /// quality.json does not), or nil when unknown.
    public var classNames: [String]?
    /// Sprites: fraction of generated and of held-out real sprites that are clean (`CleanSprite`).
    public var clean: Double?
    public var cleanReal: Double?

    public init(frechet: Double, frechetReal: Double, samples: Int, wasserstein: [String: Double], features: String,
                confident: Double? = nil, confidentReal: Double? = nil, classFractions: [Double]? = nil,
                realClassFractions: [Double]? = nil, clean: Double? = nil, cleanReal: Double? = nil) {
        self.frechet = frechet; self.frechetReal = frechetReal; self.samples = samples
        self.wasserstein = wasserstein; self.features = features
        self.confident = confident; self.confidentReal = confidentReal
        self.classFractions = classFractions; self.realClassFractions = realClassFractions
        self.clean = clean; self.cleanReal = cleanReal
    }

    /// The figures of a quality.json object (`GeneratorQualityReport`, snake_case keys);
    /// nil without the Frechet figures. The other keys are read when present, so a
    /// quality.json written before they existed still gives its Frechet figures.
    public init?(qualityJSON q: [String: Any]) {
        guard let fd = Self.number(q["frechet_distance"]), let floor = Self.number(q["real_vs_real_frechet_distance"]),
              let samples = q["samples"] as? Int else { return nil }
        var w1: [String: Double] = [:]
        for a in (q["attributes"] as? [[String: Any]]) ?? [] {
            if let key = a["key"] as? String, let value = Self.number(a["w1_in_std"]) { w1[key] = value }
        }
        let name = (q["classifier"] as? String).map { "identity_classifier:\($0)" } ?? "identity_classifier"
        let clean = q["clean"] as? [String: Any]
        self.init(frechet: fd, frechetReal: floor, samples: samples, wasserstein: w1, features: name,
                  confident: Self.number(q["confident"]), confidentReal: Self.number(q["real_confident"]),
                  classFractions: Self.numbers(q["class_fractions"]),
                  realClassFractions: Self.numbers(q["real_class_fractions"]),
                  clean: Self.number(clean?["rate"]), cleanReal: Self.number(clean?["real_rate"]))
    }

    // JSONEncoder writes 1.0 as `1`, which JSONSerialization reads back as an integer.
    static func number(_ v: Any?) -> Double? {
        if let d = v as? Double { return d }
        return (v as? Int).map(Double.init)
    }

    /// A list of numbers, or nil if any element is not one.
    static func numbers(_ v: Any?) -> [Double]? {
        guard let list = v as? [Any] else { return nil }
        let values = list.compactMap(number)
        return values.count == list.count ? values : nil
    }
}
