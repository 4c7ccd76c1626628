// Adapters from the trained models (Tensor modules) to the metric abstractions:
// evaluation mode, no gradients, in chunks so that large latent sets fit in memory.

import Datasets
import Editors
import Generators
import NN
import Tensor

/// G as an `ImageGenerator`: any layer z [B, D] -> images [B, C, H, W].
public struct LayerGenerator: ImageGenerator {
    public let latentDim: Int
    public let chunk: Int
    let forward: (Tensor) -> Tensor

    public init(latentDim: Int, chunk: Int = 250, forward: @escaping (Tensor) -> Tensor) {
        self.latentDim = latentDim
        self.chunk = chunk
        self.forward = forward
    }

    /// The dcgan32 generator, switched to evaluation mode (BatchNorm running statistics).
    public init(_ generator: DCGAN32Generator, chunk: Int = 250) {
        generator.eval()
        self.init(latentDim: generator.latentDim, chunk: chunk) { generator($0) }
    }

    public func generate(_ z: LatentBatch) -> ImageBatch {
        var pixels: [Float] = [], shape = [0, 0, 0, 0]
        var start = 0
        while start < z.count {
            let n = Swift.min(chunk, z.count - start)
            let out = Tensor.withoutGradients { forward(Tensor(z.rows(start ..< start + n).values, shape: [n, z.dim])) }
            precondition(out.rank == 4 && out.shape[0] == n, "LayerGenerator: the generator returned \(out.shape) for \(n) latents")
            shape = out.shape
            pixels += out.scalars
            start += n
        }
        return ImageBatch(count: z.count, channels: shape[1], height: shape[2], width: shape[3], pixels: pixels)
    }
}

/// A trained or closed-form `LatentEditor` as an `EditFunction`: its evaluation path
/// `traverse` (the integrated flow for the warped editor), so phi_k^{-t} is the backward
/// flow there and the exact inverse for the linear, closed-form and curvilinear editors.
public struct LatentEditorFunction: EditFunction {
    public let editor: any LatentEditor
    public let chunk: Int

    public init(_ editor: any LatentEditor, chunk: Int = 500) {
        editor.eval()
        self.editor = editor
        self.chunk = chunk
    }

    public var directions: Int { editor.directions }

    public func edit(_ z: LatentBatch, direction k: Int, amounts: [Double]) -> LatentBatch {
        precondition(amounts.count == z.count, "LatentEditorFunction: \(amounts.count) amounts for \(z.count) latents")
        var values: [Float] = []
        values.reserveCapacity(z.values.count)
        var start = 0
        while start < z.count {
            let n = Swift.min(chunk, z.count - start)
            let out = Tensor.withoutGradients {
                editor.traverse(Tensor(z.rows(start ..< start + n).values, shape: [n, z.dim]),
                                directions: [Int](repeating: k, count: n), amounts: amounts[start ..< start + n].map { Float($0) })
            }
            values += out.scalars
            start += n
        }
        return LatentBatch(count: z.count, dim: z.dim, values: values)
    }
}

/// The LeNet identity classifier (Identity/) as an `IdentityClassifier`: argmax of its
/// class probabilities, and its 128-d penultimate features.
public struct LeNetIdentity: IdentityClassifier {
    public let network: LeNetClassifier

    public init(_ network: LeNetClassifier) { self.network = network }

    public func classify(_ images: ImageBatch) -> [Int] {
        let k = network.classes
        let p = network.evaluate(images.pixels, count: images.count).probabilities
        return (0 ..< images.count).map { n in
            var best = 0
            for c in 1 ..< k where p[n * k + c] > p[n * k + best] { best = c }
            return best
        }
    }

    public func features(_ images: ImageBatch) -> [[Double]] {
        let d = LeNetClassifier.featureDimension
        let f = network.evaluate(images.pixels, count: images.count).features
        return (0 ..< images.count).map { n in (0 ..< d).map { Double(f[n * d + $0]) } }
    }
}
