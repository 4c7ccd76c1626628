import Editors
import Generators
import NN
import Tensor

/// Workloads 3-5: one editor training step, batch 32, K = 32, through the real
/// `EditorTrainer.step`: edit, x = G(z) and x' = G(z') with a frozen dcgan32
/// (c = 64, C = 3), lenet_w2 reconstructor, loss CE + 0.25 L1 (+ logdet^2 for
/// the curvilinear editor), backward into editor and reconstructor, Adam
/// (lr 1e-4), eps = +-U[0.5, 3] as reference/bench_torch.py draws it.
public final class EditorStepWorkload: BenchWorkload {
    public enum Kind: String, CaseIterable, Sendable { case linear, warped, curvilinear }

    public let name: String
    let kind: Kind
    let trainer: EditorTrainer
    let batch: Int
    let latentDim: Int
    let width: Int
    let channels: Int
    let directions: Int
    let hidden: Int
    let layers: Int
    var index = 0

    public init(_ kind: Kind, batch: Int = 32, latentDim d: Int = 128, width c: Int = 64, channels: Int = 3,
                directions k: Int = 32, dipoles: Int = 32, layers: Int = 8, hidden: Int = 256, seed: UInt64 = 0) {
        name = "editor_step_" + kind.rawValue
        self.kind = kind
        self.batch = batch
        latentDim = d
        width = c
        self.channels = channels
        directions = k
        self.hidden = hidden
        self.layers = layers
        var rng = RNG(seed: seed)
        let generator = DCGAN32Generator(latentDim: d, width: c, channels: channels, rng: &rng)
        let editor: any LatentEditor
        switch kind {
        case .linear: editor = LinearEditor(latentDim: d, directions: k, rng: &rng)
        case .warped: editor = WarpedEditor(latentDim: d, directions: k, dipoles: dipoles, rng: &rng)
        case .curvilinear: editor = CurvilinearEditor(latentDim: d, directions: k, layers: layers, hidden: hidden, rng: &rng)
        }
        var options = EditorTrainingOptions()
        options.batch = batch
        options.learningRate = 1e-4
        options.epsMin = 0.5
        options.epsMax = 3
        options.seed = seed
        trainer = EditorTrainer(editor: editor, generator: generator,
                                     reconstructor: Reconstructor(channels: channels, directions: k, rng: &rng),
                                     options: options)
    }

    public var flopsPerStep: Double {
        let editorForward = kind == .curvilinear
            ? 2 * Double(layers) * BenchFlops.couplingForward(n: batch, latentDim: latentDim, hidden: hidden) : 0
        return BenchFlops.editorStep(n: batch, latentDim: latentDim, width: width, channels: channels,
                                     directions: directions, editorForward: editorForward)
    }
    public var itemsPerStep: Int { 1 }

    public func step() {
        _ = trainer.step(index)
        index += 1
    }
}

extension BenchFlops {
    /// lenet_w2 forward on n pairs: conv5 2C->12 (28x28), conv5 12->32 (10x10), conv5 32->240 (1x1), two heads.
    public static func lenetW2Forward(n: Int, channels: Int, directions k: Int) -> Double {
        conv(n: n, cin: 2 * channels, cout: 12, outSize: 28, k: 5) + conv(n: n, cin: 12, cout: 32, outSize: 10, k: 5)
            + conv(n: n, cin: 32, cout: 240, outSize: 1, k: 5)
            + 2 * linear(n: n, inFeatures: 240, outFeatures: 168)
            + linear(n: n, inFeatures: 168, outFeatures: k) + linear(n: n, inFeatures: 168, outFeatures: 1)
    }

    /// One coupling MLP on n rows: D/2 -> h -> h -> D.
    public static func couplingForward(n: Int, latentDim d: Int, hidden h: Int) -> Double {
        linear(n: n, inFeatures: d / 2, outFeatures: h) + linear(n: n, inFeatures: h, outFeatures: h)
            + linear(n: n, inFeatures: h, outFeatures: d)
    }

    /// x = G(z) (1 G), x' = G(z') forward and input-gradient backward (2 G),
    /// R forward and backward (3 R), editor forward and backward (3x its forward).
    public static func editorStep(n: Int, latentDim d: Int, width c: Int, channels: Int, directions k: Int,
                                  editorForward: Double) -> Double {
        3 * dcgan32Forward(n: n, latentDim: d, width: c, channels: channels)
            + 3 * lenetW2Forward(n: n, channels: channels, directions: k) + 3 * editorForward
    }
}
