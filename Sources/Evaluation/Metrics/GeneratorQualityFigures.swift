// Generator quality as results.json reports it (DESIGN.md section 5). The figures
// themselves (Frechet distances on identity-classifier features, W1 per attribute)
// are computed with the generator artifact (Evaluation/Identity, `quality.json`);
// the evaluation copies them into results.json.

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

    public init(frechet: Double, frechetReal: Double, samples: Int, wasserstein: [String: Double], features: String) {
        self.frechet = frechet; self.frechetReal = frechetReal; self.samples = samples
        self.wasserstein = wasserstein; self.features = features
    }
}
