// The small abstractions the metrics are written against (DESIGN.md section 5),
// so every metric can be tested with toy models whose answers are known:
//
//   EditFunction        phi_k^t: z [B, D], direction k, amounts t [B] -> z' [B, D]
//   ImageGenerator      G: z [B, D] -> images [N=B, C, H, W]
//   AttributeMeasurer   a_j: image -> value (Attributes/), with sigma_j in `MeasuredAttribute`
//   IdentityClassifier  images [N, C, H, W] -> class [N] (and features for the Frechet distance)
//
// Adapters from the trained editors and the dcgan32 generator live in the
// evaluate stage (Pipeline), not here.

import Datasets
import Dispatch

/// A family of latent edits phi_k^t. The inverse edit phi_k^-1 is phi_k^{-t}: exact
/// for translations in some coordinates (linear, SeFa, GANSpace, curvilinear); for the
/// warped editor it is the backward flow, exact only up to the ODE integrator's error.
public protocol EditFunction {
    /// K, the number of directions.
    var directions: Int { get }
    /// phi_k^{t_b}(z_b) for every row b; `amounts.count == z.count`.
    func edit(_ z: LatentBatch, direction k: Int, amounts: [Double]) -> LatentBatch
}

extension EditFunction {
    /// phi_k^t(z) with one amount for every row.
    public func edit(_ z: LatentBatch, direction k: Int, amount t: Double) -> LatentBatch {
        edit(z, direction: k, amounts: [Double](repeating: t, count: z.count))
    }
}

/// The generator G, batched.
public protocol ImageGenerator {
    var latentDim: Int { get }
    func generate(_ z: LatentBatch) -> ImageBatch
}

/// The identity classifier (shape class for sprites, digit class for digits).
public protocol IdentityClassifier {
    /// Predicted class of every image.
    func classify(_ images: ImageBatch) -> [Int]
    /// A feature vector per image (the penultimate layer), for the Frechet distance.
    func features(_ images: ImageBatch) -> [[Double]]
}

/// An attribute as the metrics use it: its measurer and sigma_j, its spread over real data.
public struct MeasuredAttribute: Sendable {
    public var measurer: any AttributeMeasurer
    /// sigma_j (`AttributeMeasurer.dispersion` of the real data).
    public var sigma: Double

    public init(measurer: any AttributeMeasurer, sigma: Double) {
        self.measurer = measurer
        self.sigma = sigma
    }

    public var key: String { measurer.key }

    /// sigma_j of each measurer over real images.
    public static func fromRealData(_ images: ImageBatch, measurers: [any AttributeMeasurer]) -> [MeasuredAttribute] {
        let values = AttributeReadout.measure(images, measurers)
        return zip(measurers, values).map { MeasuredAttribute(measurer: $0, sigma: $0.dispersion($1)) }
    }
}

/// Measures every attribute of a batch: values[j][n].
public enum AttributeReadout {
    /// Threads measuring images in parallel; set once by the caller (the evaluate stage)
    /// before evaluating. Results do not depend on it: every image is measured alone.
    nonisolated(unsafe) public static var threads = 1

    public static func measure(_ images: ImageBatch, _ measurers: [any AttributeMeasurer]) -> [[Double]] {
        let count = images.count, attributes = measurers.count
        // flat[n * J + j]; one pass over images, all measurers per image, keeps each image hot in cache.
        var flat = [Double](repeating: 0, count: count * attributes)
        // ceil(count / threads) images per worker, and only as many workers as slices are
        // non-empty: with 500 images and 29 threads a 29th slice of 18 would start at 504.
        let slice = Swift.max(16, (count + Swift.max(threads, 1) - 1) / Swift.max(threads, 1))
        let workers = Swift.max(1, (count + slice - 1) / slice)
        flat.withUnsafeMutableBufferPointer { buffer in
            guard let out = buffer.baseAddress else { return }
            func work(_ w: Int) {
                for n in w * slice ..< Swift.min(count, (w + 1) * slice) {
                    let image = images.image(at: n)
                    for j in 0 ..< attributes { out[n * attributes + j] = measurers[j].measure(image) }
                }
            }
            if workers == 1 { work(0) } else {
                nonisolated(unsafe) let run = work
                DispatchQueue.concurrentPerform(iterations: workers) { run($0) }
            }
        }
        return (0 ..< attributes).map { j in (0 ..< count).map { flat[$0 * attributes + j] } }
    }

    public static func measure(_ images: ImageBatch, _ attributes: [MeasuredAttribute]) -> [[Double]] {
        measure(images, attributes.map(\.measurer))
    }
}
