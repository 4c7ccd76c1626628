import Datasets
import Foundation
import Generators
import Tensor

/// Generator quality (DESIGN.md section 5; quality.json of the generator artifact).
public struct GeneratorQualityReport: Codable, Sendable, Equatable {
    public struct AttributeQuality: Codable, Sendable, Equatable {
        public var key: String
        public var name: String
        public var realMean: Double
        public var realStd: Double
        public var generatedMean: Double
        public var generatedStd: Double
        /// Wasserstein-1 distance between real and generated values, in the attribute's units.
        public var w1: Double
        /// w1 / realStd.
        public var w1InStd: Double
    }

    public struct CleanRate: Codable, Sendable, Equatable {
        /// Fraction of generated sprites passing all three checks.
        public var rate: Double
        public var flatBackground: Double
        public var oneHue: Double
        public var oneComponent: Double
        /// The same rate on the held-out real sprites (about 0.97 by construction).
        public var realRate: Double
        /// The thresholds used: the real 99th percentiles, raised to the perceptual floors.
        public var thresholds: CleanSprite.Thresholds
        /// The real 99th percentiles themselves.
        public var realPercentiles: CleanSprite.Thresholds
    }

    public var samples: Int
    public var realSamples: Int
    /// Frechet distance between generated and real classifier features.
    public var frechetDistance: Double
    /// The same between two disjoint real halves: the floor for this sample size.
    public var realVsRealFrechetDistance: Double
    public var frechetRatio: Double
    public var classifier: String
    public var classifierTestAccuracy: Double
    /// Fraction of generated images whose top class probability is at least 0.9.
    public var confident: Double
    /// The same fraction for the held-out real images (for MNIST the test set, which the
    /// classifier never saw): what a generator that matched the data would score. Optional
    /// only so that a quality.json written before it existed still decodes.
    public var realConfident: Double?
    /// Top class probability histogram, 10 bins over [0, 1].
    public var confidenceHistogram: [Int]
    /// Fraction of generated images per predicted class.
    public var classFractions: [Double]
    public var realClassFractions: [Double]
    public var attributes: [AttributeQuality]
    public var clean: CleanRate?
}

public enum GeneratorQuality {
    /// Compares `generated` with `real`; `realHoldout` (disjoint from `real`, same size) gives
    /// the real-vs-real Frechet figure. `measurers` give the W1 table; `sprites` adds the
    /// clean-sprite rate.
    public static func evaluate(generated: ImageBatch, real: ImageBatch, realHoldout: ImageBatch,
                                classifier: LeNetClassifier, classifierName: String, classifierAccuracy: Double,
                                measurers: [any AttributeMeasurer], sprites: Bool) -> GeneratorQualityReport {
        let d = LeNetClassifier.featureDimension
        let gen = classifier.evaluate(generated.pixels, count: generated.count)
        let realOut = classifier.evaluate(real.pixels, count: real.count)
        let holdOut = classifier.evaluate(realHoldout.pixels, count: realHoldout.count)
        let gGen = FrechetDistance.fit(gen.features, count: generated.count, dimension: d)
        let gReal = FrechetDistance.fit(realOut.features, count: real.count, dimension: d)
        let gHold = FrechetDistance.fit(holdOut.features, count: realHoldout.count, dimension: d)
        let fd = FrechetDistance.distance(gGen, gReal)
        let floor = FrechetDistance.distance(gHold, gReal)

        let k = classifier.classes
        func top(_ p: [Float], _ n: Int) -> (confidence: [Double], classes: [Int]) {
            var conf: [Double] = [], cls: [Int] = []
            for i in 0..<n {
                var best = 0
                for c in 1..<k where p[i * k + c] > p[i * k + best] { best = c }
                conf.append(Double(p[i * k + best])); cls.append(best)
            }
            return (conf, cls)
        }
        let genTop = top(gen.probabilities, generated.count), realTop = top(realOut.probabilities, real.count)
        let holdTop = top(holdOut.probabilities, realHoldout.count)
        func confidentFraction(_ confidence: [Double]) -> Double {
            Double(confidence.filter { $0 >= 0.9 }.count) / Double(Swift.max(confidence.count, 1))
        }
        var histogram = [Int](repeating: 0, count: 10)
        for c in genTop.confidence { histogram[Swift.min(9, Int(c * 10))] += 1 }
        func fractions(_ classes: [Int]) -> [Double] {
            var f = [Double](repeating: 0, count: k)
            for c in classes { f[c] += 1 }
            return f.map { $0 / Double(Swift.max(classes.count, 1)) }
        }

        var attributes: [GeneratorQualityReport.AttributeQuality] = []
        for m in measurers {
            let r = m.measure(real), g = m.measure(generated)
            let w1 = m.period.map { Wasserstein.circularDistance(r, g, period: $0) } ?? Wasserstein.distance(r, g)
            let std = m.dispersion(r)
            attributes.append(.init(key: m.key, name: m.name, realMean: mean(r), realStd: std, generatedMean: mean(g),
                                    generatedStd: m.dispersion(g), w1: w1, w1InStd: std > 0 ? w1 / std : 0))
        }

        var clean: GeneratorQualityReport.CleanRate?
        if sprites {
            let realChecks = real.images.map(CleanSprite.init)
            let holdChecks = realHoldout.images.map(CleanSprite.init)
            let genChecks = generated.images.map(CleanSprite.init)
            let t = CleanSprite.Thresholds.fitted(realChecks)
            func rate(_ checks: [CleanSprite], _ test: (CleanSprite) -> Bool) -> Double {
                Double(checks.filter(test).count) / Double(Swift.max(checks.count, 1))
            }
            clean = .init(rate: rate(genChecks) { $0.isClean(t) }, flatBackground: rate(genChecks) { $0.flatBackground(t) },
                          oneHue: rate(genChecks) { $0.oneHue(t) }, oneComponent: rate(genChecks) { $0.oneComponent(t) },
                          realRate: rate(holdChecks) { $0.isClean(t) }, thresholds: t,
                          realPercentiles: CleanSprite.Thresholds.percentiles(realChecks))
        }
        return GeneratorQualityReport(
            samples: generated.count, realSamples: real.count, frechetDistance: fd, realVsRealFrechetDistance: floor,
            frechetRatio: floor > 0 ? fd / floor : .infinity, classifier: classifierName,
            classifierTestAccuracy: classifierAccuracy,
            confident: confidentFraction(genTop.confidence), realConfident: confidentFraction(holdTop.confidence),
            confidenceHistogram: histogram, classFractions: fractions(genTop.classes),
            realClassFractions: fractions(realTop.classes), attributes: attributes, clean: clean)
    }

    static func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }

    /// `count` samples of `generator` (evaluation mode) from latents of `seed`, in chunks.
    public static func samples(of generator: DCGAN32Generator, count: Int, seed: UInt64, chunk: Int = 500) -> ImageBatch {
        generator.eval()
        var rng = RNG(seed: seed)
        var pixels: [Float] = []
        var shape: [Int] = [0, generator.channels, 32, 32]
        var done = 0
        while done < count {
            let n = Swift.min(chunk, count - done)
            let out = Tensor.withoutGradients { generator(Tensor.randn([n, generator.latentDim], rng: &rng)) }
            pixels += out.scalars
            shape = out.shape
            done += n
        }
        return ImageBatch(count: count, channels: shape[1], height: shape[2], width: shape[3], pixels: pixels)
    }
}
