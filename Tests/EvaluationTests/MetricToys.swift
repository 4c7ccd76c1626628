// Toy models with known answers for the metric tests: the "image" of z is z itself
// (D channels of 1x1 pixels), attribute j reads one coordinate, and editors are
// written so that every metric can be computed by hand.

import Datasets
@testable import Evaluation

/// G(z) = z as a D x 1 x 1 image.
struct CoordinateGenerator: ImageGenerator {
    var latentDim: Int
    func generate(_ z: LatentBatch) -> ImageBatch {
        ImageBatch(count: z.count, channels: z.dim, height: 1, width: 1, pixels: z.values)
    }
}

/// a(x) = scale * x[index], optionally circular with `period`.
struct CoordinateMeasurer: AttributeMeasurer {
    var index: Int
    var key: String
    var scale: Double = 1
    var period: Double? = nil
    var name: String { "coordinate \(index)" }
    var unit: String { "z" }
    func measure(_ image: PlanarImage) -> Double {
        let v = scale * Double(image.pixels[index])
        guard let period else { return v }
        let r = v.truncatingRemainder(dividingBy: period)
        return r < 0 ? r + period : r
    }
}

/// phi_k^t(z) = z + t sign_k speed_k e_{coordinate_k}: translations, so every pair commutes exactly.
struct PlantedTranslations: EditFunction {
    var coordinates: [Int]
    var signs: [Double]
    var speeds: [Double]
    var directions: Int { coordinates.count }
    func edit(_ z: LatentBatch, direction k: Int, amounts: [Double]) -> LatentBatch {
        var out = z
        for b in 0 ..< z.count {
            out.values[b * z.dim + coordinates[k]] += Float(amounts[b] * signs[k] * speeds[k])
        }
        return out
    }
}

/// Direction 0: z0 += t. Direction 1: z1 += t (1 + c z0) (a shear). Their commutator
/// moves z1 by c t0 t1; phi_1^{-t} is the exact inverse of phi_1^t (z0 is unchanged).
struct ShearEditor: EditFunction {
    var c: Double
    var directions: Int { 2 }
    func edit(_ z: LatentBatch, direction k: Int, amounts: [Double]) -> LatentBatch {
        var out = z
        for b in 0 ..< z.count {
            let z0 = Double(z.values[b * z.dim])
            if k == 0 {
                out.values[b * z.dim] = Float(z0 + amounts[b])
            } else {
                out.values[b * z.dim + 1] = Float(Double(z.values[b * z.dim + 1]) + amounts[b] * (1 + c * z0))
            }
        }
        return out
    }
}

/// Class = whether coordinate `index` is positive; features are the coordinates.
struct SignClassifier: IdentityClassifier {
    var index: Int
    func classify(_ images: ImageBatch) -> [Int] {
        (0 ..< images.count).map { images.pixels[$0 * images.imageSize + index] > 0 ? 1 : 0 }
    }
    func features(_ images: ImageBatch) -> [[Double]] {
        (0 ..< images.count).map { n in (0 ..< images.imageSize).map { Double(images.pixels[n * images.imageSize + $0]) } }
    }
}

enum Toys {
    /// Attributes reading coordinates 0 ..< count, with sigma 1 (or `sigmas`).
    static func attributes(_ count: Int, sigmas: [Double]? = nil) -> [MeasuredAttribute] {
        let keys = ["A0", "A1", "A2", "A3"]
        return (0 ..< count).map { MeasuredAttribute(measurer: CoordinateMeasurer(index: $0, key: keys[$0]), sigma: sigmas?[$0] ?? 1) }
    }

    static func settings(latents: Int = 500, calibrate: Bool = false, strength: Double = 2, seed: UInt64 = 7) -> EvaluationSettings {
        EvaluationSettings(strength: strength, points: 9, latents: latents, matchingLatents: 32, calibrationLatents: 128,
                           calibrate: calibrate, targetChange: 1, seed: seed, bootstrapResamples: 200)
    }
}
