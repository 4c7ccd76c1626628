import Datasets
import Evaluation
import Foundation
import Generators

/// The `identity` stage: the identity classifier of the experiment's dataset (a LeNet,
/// DESIGN.md section 4). Its penultimate features define the generator's Frechet distance
/// and its class decides the identity error, so the generator and evaluate stages take
/// it as an input: replacing the classifier re-runs exactly what used it. Artifact files:
///
///     NAME.safetensors   the classifier's weights (NAME: sprites-shape-lenet,
///                        mnist-digit-lenet or idx-lenet)
///     NAME.json          `IdentityClassifiers.Report`: options, held-out accuracy, data sizes
///
/// A classifier shipped in `models/identity` of the working folder is copied (the section
/// holds the SHA-256 of its two files); otherwise one is trained here, a few minutes on
/// two cores. Nothing is written outside the artifact.
public enum IdentityStage {
    public static let shippedFolder = "models/identity"

    public static func run(_ section: IdentitySection, context: StageContext, outputDir: URL) throws {
        let recipe = GeneratorEvaluation.classifierRecipe(for: section.dataset)
        var origin = "trained here"
        if let expected = section.shippedSHA256 {
            let files = shippedFiles(recipe.name, workingFolder: context.workingFolder)
            guard try fingerprint(files) == expected else {
                throw PipelineError.readFailed(path: files[0].path, reason: "the shipped identity classifier changed since the stage was planned; rerun the command")
            }
            // A shipped file made by another recipe than this code's is not used: training
            // here replaces it, and the log says so instead of calling the result shipped.
            if madeByRecipe(files, options: recipe.options) {
                for file in files {
                    try FileManager.default.copyItem(at: file, to: outputDir.appendingPathComponent(file.lastPathComponent))
                }
                origin = "shipped in \(shippedFolder)"
            } else {
                origin = "trained here: the one in \(shippedFolder) was made by another recipe than this code's"
            }
        }
        let (_, report) = try GeneratorEvaluation.classifier(for: section.dataset, folder: outputDir, progress: context.progress)
        context.progress.log("identity classifier \(report.name): \(report.accuracySummary) (\(origin))")
    }

    /// Whether shipped `files` (weights, report) were trained with `options`, this code's recipe.
    static func madeByRecipe(_ files: [URL], options: IdentityClassifiers.Options) -> Bool {
        (try? decodeJSON(IdentityClassifiers.Report.self, from: Data(contentsOf: files[1])))?.options == options
    }

    /// `models/identity/NAME.safetensors` and `NAME.json` under the working folder.
    static func shippedFiles(_ name: String, workingFolder: URL) -> [URL] {
        let folder = workingFolder.appendingPathComponent(shippedFolder)
        return [folder.appendingPathComponent(name + ".safetensors"), folder.appendingPathComponent(name + ".json")]
    }

    /// SHA-256 over both files' SHA-256s; nil when either is missing (nothing shipped).
    static func fingerprint(_ files: [URL]) throws -> String? {
        guard files.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) else { return nil }
        return SHA256.hash(try files.map { try SHA256.hash(fileAt: $0) }.joined(separator: "\n"))
    }

    /// The section of a dataset's identity stage, as planned in `workingFolder`.
    static func section(for dataset: DatasetConfig, workingFolder: URL) throws -> IdentitySection {
        let name = GeneratorEvaluation.classifierRecipe(for: dataset).name
        return IdentitySection(dataset: dataset, classifier: name,
                               shippedSHA256: try fingerprint(shippedFiles(name, workingFolder: workingFolder)))
    }
}
