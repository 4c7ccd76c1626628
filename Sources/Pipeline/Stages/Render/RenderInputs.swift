import ArtifactContract
import Datasets
import Editors
import Evaluation
import Foundation
import Generators
import NN
import Tensor

/// Reads the render stage's inputs from their artifact folders:
///
///     evaluate/results.json            matching, strengths (ArtifactContract)
///     evaluate/manifest.json           the evaluate stage's seed: the held-out latents
///     generator/generator.safetensors  dcgan32 generator (GeneratorFile)
///     editor-NAME/editor.safetensors   the editor's state_dict; its kind and sizes
///                                      come from editor-NAME/manifest.json `config.editor`
///     data/samples.png                 real samples grid, when the data stage wrote one
enum RenderInputs {
    static let resultsFile = "results.json"
    static let generatorFile = "generator.safetensors"
    static let editorFile = "editor.safetensors"
    static let samplesFile = "samples.png"

    static func results(in folder: URL) throws -> Results {
        let url = folder.appendingPathComponent(resultsFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RenderStageError.missingFile(path: url.path, hint: "the evaluate artifact has no results.json; rerun with --force evaluate")
        }
        return try ArtifactJSON.decode(Results.self, from: url)
    }

    /// The held-out latents of the evaluation (EvaluationSettings.Stream.heldOut of the
    /// evaluate stage's seed), so figures show latents the metrics were measured on and
    /// that no editor trained on.
    static func heldOutLatents(evaluateFolder: URL, count: Int, dim: Int) throws -> LatentBatch {
        let seed = try Manifest.read(from: evaluateFolder).seed
        return LatentBatch.normal(count: count, dim: dim, seed: EvaluationSettings(seed: UInt64(seed)).seed(.heldOut))
    }

    static func generator(in folder: URL) throws -> DCGAN32Generator {
        let url = folder.appendingPathComponent(generatorFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RenderStageError.missingFile(path: url.path, hint: "the generator artifact has no generator; rerun with --force generator")
        }
        return try GeneratorFile.load(from: url).generator
    }

    /// The editor of an editor artifact, in evaluation mode.
    static func editor(in folder: URL, latentDim d: Int) throws -> any LatentEditor {
        let url = folder.appendingPathComponent(editorFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RenderStageError.missingFile(path: url.path, hint: "the editor artifact has no editor.safetensors; rerun with --force editor")
        }
        var stored = try SafetensorsFile.read(from: url)
        // A training checkpoint keeps the editor under `editor.`; a plain state_dict does not.
        if !stored.tensors.isEmpty, stored.tensors.keys.allSatisfy({ $0.hasPrefix("editor.") || $0.hasPrefix("reconstructor.") }) {
            var plain = SafetensorsFile()
            for (name, t) in stored.tensors where name.hasPrefix("editor.") { plain.tensors[String(name.dropFirst(7))] = t }
            stored = plain
        }
        let config = try editorConfig(folder)
        func int(_ key: String) throws -> Int {
            guard case .number(let n)? = config[key], n >= 1, n == n.rounded() else {
                throw RenderStageError.badEditorArtifact(path: folder.path, reason: "manifest.json config.editor.\(key) is missing")
            }
            return Int(n)
        }
        guard case .string(let kind)? = config["kind"] else {
            throw RenderStageError.badEditorArtifact(path: folder.path, reason: "manifest.json config.editor.kind is missing")
        }
        var rng = RNG(seed: 0)
        let editor: any LatentEditor
        switch kind {
        case "linear":
            editor = LinearEditor(latentDim: d, directions: try int("directions"), rng: &rng)
        case "warped":
            editor = WarpedEditor(latentDim: d, directions: try int("directions"), dipoles: try int("dipoles"), rng: &rng)
        case "curvilinear", "curvilinear_iso":
            editor = CurvilinearEditor(latentDim: d, directions: try int("directions"), layers: try int("layers"),
                                       hidden: try int("hidden"), rng: &rng)
        case "sefa", "ganspace":
            // K from the stored basis U [D, K].
            guard let basis = stored.tensors["U"], basis.shape.count == 2, basis.shape[0] == d else {
                throw RenderStageError.badEditorArtifact(path: url.path, reason: "no basis U of shape [\(d), K]")
            }
            let k = basis.shape[1]
            editor = ClosedFormEditor(method: kind, vectors: [[Double]](repeating: [Double](repeating: 1, count: d), count: k),
                                      scores: [Double](repeating: 0, count: k), latentDim: d)
        default:
            throw RenderStageError.badEditorArtifact(path: folder.path, reason: "unknown editor kind '\(kind)'")
        }
        try editor.load(stored, file: url.path)
        editor.eval()
        return editor
    }

    /// `config.editor` of an editor artifact's manifest.
    static func editorConfig(_ folder: URL) throws -> [String: JSONValue] {
        let manifest = try Manifest.read(from: folder)
        guard case .object(let section) = manifest.config, case .object(let editor)? = section["editor"] else {
            throw RenderStageError.badEditorArtifact(path: folder.path, reason: "manifest.json has no config.editor")
        }
        return editor
    }

    /// Real images for the real-samples grid, regenerated from the data artifact's
    /// dataset config and seed (sprites, or IDX files named in the config); nil
    /// when they cannot be had without the network (MNIST by fetch).
    static func realImages(dataFolder: URL, count: Int) throws -> ImageBatch? {
        let manifest = try Manifest.read(from: dataFolder)
        guard case .object(let section) = manifest.config, let dataset = section["dataset"],
              var config = try? JSONDecoder().decode(DatasetConfig.self, from: JSONEncoder().encode(dataset)) else { return nil }
        switch config.kind {
        case .sprites:
            config.count = count
        case .idx, .mnist:
            guard config.images != nil else { return nil }
        case .fashionMNIST:
            return nil
        }
        let images = try GeneratorTraining.images(of: config, seed: manifest.seed).images
        return images.count > count ? images.gathering(Array(0..<count)) : images
    }
}
