import ArtifactContract
import Datasets
import Evaluation
import Foundation
@testable import Pipeline

/// A generator with known factors: latent z [B, 4] draws an anti-aliased red
/// square on a grey background, z0 -> vertical position, z1 -> horizontal,
/// z2 -> size, z3 -> background brightness (the sprite measurers V, H, S, B).
/// Smooth in z, so an exact round trip in z gives the same pixels.
struct ToySpriteGenerator: ImageGenerator {
    let latentDim = 4

    func generate(_ z: LatentBatch) -> ImageBatch {
        let side = 32, plane = side * side
        var pixels = [Float](repeating: 0, count: z.count * 3 * plane)
        for b in 0..<z.count {
            let f = Array(z.row(b)).map(Double.init)
            let cy = 16 + 5 * tanh(f[0] / 2), cx = 16 + 5 * tanh(f[1] / 2)
            let half = 6 + 2 * tanh(f[2] / 2), background = 0.5 * tanh(f[3] / 2)
            for y in 0..<side {
                for x in 0..<side {
                    // Coverage of the pixel by the square, linear across one pixel at the edge.
                    let cover = min(max(half - abs(Double(x) + 0.5 - cx) + 0.5, 0), 1)
                        * min(max(half - abs(Double(y) + 0.5 - cy) + 0.5, 0), 1)
                    let red = [1.0, -1.0, -1.0]
                    for c in 0..<3 {
                        pixels[b * 3 * plane + c * plane + y * side + x] = Float(background * (1 - cover) + red[c] * cover)
                    }
                }
            }
        }
        return ImageBatch(count: z.count, channels: 3, height: side, width: side, pixels: pixels)
    }
}

/// phi_k^t(z) = z + t e_k: translations, so every pair of edits commutes exactly.
struct AxisEditor: EditFunction {
    let directions = 4
    func edit(_ z: LatentBatch, direction k: Int, amounts: [Double]) -> LatentBatch {
        var out = z
        for b in 0..<z.count { out.values[b * z.dim + k] += Float(amounts[b]) }
        return out
    }
}

/// A sheared translation: moving along k also moves coordinate k+1 by 0.5 t z_k,
/// so edits do not commute and a round trip does not return to z.
struct ShearEditor: EditFunction {
    let directions = 4
    func edit(_ z: LatentBatch, direction k: Int, amounts: [Double]) -> LatentBatch {
        var out = z
        for b in 0..<z.count {
            let zk = out.values[b * z.dim + k]
            out.values[b * z.dim + k] += Float(amounts[b])
            out.values[b * z.dim + (k + 1) % z.dim] += Float(0.5 * amounts[b]) * zk
        }
        return out
    }
}

enum RenderFixtures {
    static let keys = ["V", "H", "S", "B"]

    /// Results of a toy experiment: every editor matches attribute j to direction j
    /// (B with sign -1) at strength 1.5; zeros wherever a metric does not matter here.
    static func results(editors: [String], experiment: String = "toy") -> Results {
        let pairs = Commutativity(pairs: [.init(a: "V", b: "H", aErr: 1, bErr: 2)], mean: 1.5, ci95: [1, 2])
        func per(_ v: Double) -> [String: Double] { Dictionary(uniqueKeysWithValues: keys.map { ($0, v) }) }
        let editor = EditorResults(
            matching: keys.enumerated().map { Match(attribute: $1, direction: $0, sign: $1 == "B" ? -1 : 1, score: 0.9) },
            targetChange: per(1),
            sideEffect: SideEffect(attributes: keys, matrix: keys.indices.map { i in keys.indices.map { $0 == i ? 100 : 10 } },
                                   offDiagonalMean: 10),
            commutativityOrder: pairs, commutativityRoundtrip: pairs, latentCommutator: LatentCommutator(mean: 1),
            identityError: IdentityError(perAttribute: per(0), mean: 0), samples: 8, strength: per(1.5), displacement: per(1.5))
        return Results(
            experiment: experiment, title: "Toy sprites",
            provenance: Provenance(configHash: "abc", seed: 3, codeVersion: "test", created: "2026-11-30T00:00:00Z"),
            attributes: zip(keys, ["vertical position", "horizontal position", "size", "background brightness"])
                .map { Attribute(key: $0, name: $1, std: 1) },
            generator: GeneratorQuality(frechet: 1, frechetReal: 0.5, samples: 8),
            editors: Dictionary(uniqueKeysWithValues: editors.map { ($0, editor) }),
            evaluationProtocol: EvaluationProtocol(targetChange: 1, fixedT: 3, latents: 8))
    }

    static func renderConfig(latents: Int = 2, steps: Int = 5, frames: Int = 4, commutativity: [String] = ["V", "B", "S"]) -> RenderConfig {
        var config = RenderConfig(measurers: .sprites)
        config.latents = latents; config.steps = steps; config.frames = frames; config.commutativity = commutativity
        return config
    }

    /// Every figure path results.json names.
    static func figurePaths(_ r: Results) -> [String] { r.figurePaths }

    static func quietContext(_ name: String, inputs: [String: URL], seed: Int = 0) -> StageContext {
        StageContext(stageName: name, seed: seed, inputs: inputs, progress: ProgressReporter(mode: .quiet), threads: 1)
    }

    /// A manifest as the runner writes it, with `config` as given.
    static func writeManifest(_ stage: String, config: some Encodable, seed: Int, to folder: URL) throws {
        let json = try JSONDecoder().decode(Pipeline.JSONValue.self, from: JSONEncoder().encode(config))
        try Pipeline.Manifest(stage: stage, hash: String(repeating: "0", count: 64), formatVersion: 1, config: json, inputs: [:],
                     seed: seed, codeVersion: "test", wallTimeSeconds: 0.1, created: "2026-11-30T00:00:00Z",
                     files: Pipeline.Manifest.listFiles(in: folder)).write(to: folder)
    }
}
