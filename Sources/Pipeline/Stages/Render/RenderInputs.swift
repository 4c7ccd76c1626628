import ArtifactContract
import Datasets
import Editors
import Evaluation
import Foundation
import Generators

/// Reads the render stage's inputs from their artifact folders:
///
///     evaluate/results.json            matching, strengths (ArtifactContract)
///     evaluate/manifest.json           the evaluate stage's seed: the held-out latents
///     generator/generator.safetensors  dcgan32 generator (GeneratorFile)
///     editor-NAME/editor.safetensors   the editor (EditorFile: state_dict and architecture)
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

    /// The editor of an editor artifact (seed 0: the one every table row names), in
    /// evaluation mode; `EditorFile` rebuilds its type from the file's metadata.
    static func editor(in folder: URL, latentDim d: Int) throws -> any LatentEditor {
        let url = folder.appendingPathComponent(editorFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RenderStageError.missingFile(path: url.path, hint: "the editor artifact has no editor.safetensors; rerun with --force editor")
        }
        let editor = try EditorFile.load(from: url).editor
        guard editor.latentDim == d else {
            throw RenderStageError.badEditorArtifact(path: url.path, reason: "latent size \(editor.latentDim), the generator's is \(d)")
        }
        editor.eval()
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
        }
        let images = try GeneratorTraining.images(of: config, seed: manifest.seed).images
        return images.count > count ? images.gathering(Array(0..<count)) : images
    }
}
