import Editors
import Foundation
import Generators
import NN
import Tensor

/// The `editor-NAME` stage: finds one editor's directions in the generator's
/// latent space. Trained kinds (linear, warped, curvilinear, curvilinear_iso)
/// train `seeds` times with the reconstructor; closed-form kinds (sefa,
/// ganspace) are computed from G. Artifact files:
///
///     editor.safetensors          the editor (seed 0): state_dict, and `__metadata__` with its
///                                 architecture (type, latent_dim, directions, dipoles | layers,
///                                 hidden | method) plus kind, name, seed; `EditorFile.load` reads it
///     reconstructor.safetensors   the lenet_w2 reconstructor of seed 0 (trained kinds)
///     seeds/seed-S/editor.safetensors, reconstructor.safetensors   further seeds (seeds > 1)
///     training.json               `EditorTrainingRecord`: per seed the held-out direction accuracy,
///                                 mean |logdet|, final running metrics (accuracy, CE, L1,
///                                 logdet^2, isometry), wall time and the log every 250 steps;
///                                 closed-form kinds: the direction scores and wall time
///     checkpoints/seed-S.safetensors   the trainer's last checkpoint (editor + reconstructor + step)
///     manifest.json               written by the runner
public enum EditorStage {
    public static func run(_ section: EditorSection, context: StageContext, outputDir: URL) throws {
        let config = section.editor
        let generatorURL = try context.input("generator").appendingPathComponent("generator.safetensors")
        let (generator, _) = try GeneratorFile.load(from: generatorURL)
        guard generator.latentDim == section.latentDim else {
            throw PipelineError.readFailed(path: generatorURL.path, reason: "the generator has latent_dim \(generator.latentDim), "
                                           + "the config says \(section.latentDim); fix generator.latent_dim")
        }
        try build(config, generator: generator, seed: context.seed, stageName: context.stageName,
                  progress: context.progress, threads: context.threads, outputDir: outputDir)
    }

    /// The stage's work on a loaded generator (also `train-editor --out`): writes the
    /// artifact files into `outputDir`.
    public static func build(_ config: EditorConfig, generator: DCGAN32Generator, seed: Int, stageName: String,
                             progress: ProgressReporter, threads: Int, outputDir: URL) throws {
        // OpenBLAS reads OPENBLAS_NUM_THREADS when it loads, before any command runs.
        BLAS.setThreads(threads)
        let metadata = ["kind": config.kind.rawValue, "name": config.name]
        if config.kind.isTrained {
            try train(config, generator: generator, seed: seed, stageName: stageName, progress: progress,
                      outputDir: outputDir, metadata: metadata)
        } else {
            try closedForm(config, generator: generator, seed: seed, stageName: stageName, outputDir: outputDir, metadata: metadata)
        }
    }

    /// The untrained editor of a trained kind, seeded.
    static func makeEditor(_ config: EditorConfig, latentDim d: Int, rng: inout RNG) throws -> any LatentEditor {
        switch config.kind {
        case .linear:
            return LinearEditor(latentDim: d, directions: config.directions, rng: &rng)
        case .warped:
            return WarpedEditor(latentDim: d, directions: config.directions, dipoles: config.dipoles, rng: &rng)
        case .curvilinear, .curvilinearIso:
            guard config.directions <= d else {
                throw PipelineError.stageFailed(stage: "editor-\(config.name)", reason: "a curvilinear editor has at most latent_dim = \(d) "
                                                + "directions, the config asks for \(config.directions); lower `directions`")
            }
            return CurvilinearEditor(latentDim: d, directions: config.directions, layers: config.layers,
                                     hidden: config.hidden, rng: &rng)
        case .sefa, .ganspace:
            throw PipelineError.stageFailed(stage: "editor-\(config.name)", reason: "\(config.kind.rawValue) is closed form, not trained")
        }
    }

    static func options(_ config: EditorConfig, seed: UInt64) -> EditorTrainingOptions {
        var o = EditorTrainingOptions()
        o.steps = config.steps
        o.batch = config.batch
        o.learningRate = Float(config.lr)
        o.epsMin = Float(config.epsMin)
        o.epsMax = Float(config.epsMax)
        o.lambda = Float(config.lambda)
        o.alpha = Float(config.alpha)
        o.beta = Float(config.beta)
        o.seed = seed
        return o
    }

    static func train(_ config: EditorConfig, generator: DCGAN32Generator, seed stageSeed: Int, stageName: String,
                      progress reporter: ProgressReporter, outputDir: URL, metadata: [String: String]) throws {
        let files = FileManager.default
        let checkpoints = outputDir.appendingPathComponent("checkpoints")
        try files.createDirectory(at: checkpoints, withIntermediateDirectories: true)
        var runs: [EditorTrainingRecord.Seed] = []
        for s in 0..<max(1, config.seeds) {
            let seed = UInt64(stageSeed) &+ UInt64(s)
            var rng = RNG(seed: seed)
            let editor = try makeEditor(config, latentDim: generator.latentDim, rng: &rng)
            let reconstructor = Reconstructor(channels: generator.channels, directions: config.directions, rng: &rng)
            let trainer = EditorTrainer(editor: editor, generator: generator, reconstructor: reconstructor,
                                        options: options(config, seed: seed))
            let label = config.seeds > 1 ? "\(stageName) seed \(s)" : stageName
            let progress = EditorProgressBar(reporter.task(label, total: config.steps))
            let summary: EditorTrainingSummary
            do {
                summary = try trainer.train(checkpoint: checkpoints.appendingPathComponent("seed-\(s).safetensors"),
                                            progress: progress)
            } catch let error as EditorError {
                throw PipelineError.stageFailed(stage: stageName, reason: error.description)
            }
            let folder = s == 0 ? outputDir : outputDir.appendingPathComponent("seeds/seed-\(s)")
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            var m = metadata
            m["seed"] = String(seed)
            try EditorFile.save(editor, to: folder.appendingPathComponent("editor.safetensors"), metadata: m)
            try reconstructor.save(to: folder.appendingPathComponent("reconstructor.safetensors"), metadata: m)
            reporter.log(String(format: "%@: held-out direction accuracy %.1f%% (chance %.1f%%), mean |logdet| %.3g, %.0f s",
                                        label, summary.heldOutAccuracy * 100, 100 / Double(config.directions),
                                        summary.heldOutMeanAbsLogDet, summary.wallSeconds))
            runs.append(EditorTrainingRecord.Seed(seed: Int(seed), summary: summary))
        }
        let record = EditorTrainingRecord(kind: config.kind.rawValue, name: config.name, directions: config.directions,
                                          seeds: runs, scores: nil,
                                          wallSeconds: runs.reduce(0) { $0 + $1.summary.wallSeconds })
        try GeneratorArtifact.writeJSON(record, to: outputDir.appendingPathComponent("training.json"))
    }

    static func closedForm(_ config: EditorConfig, generator: DCGAN32Generator, seed: Int, stageName: String,
                           outputDir: URL, metadata: [String: String]) throws {
        guard let first = generator.main.layers.first as? Linear else {
            throw PipelineError.stageFailed(stage: stageName, reason: "the generator's first layer is not Linear")
        }
        let began = ProgressReporter.monotonicSeconds()
        let editor: ClosedFormEditor
        do {
            if config.kind == .sefa {
                editor = try SeFa.fit(firstLayerWeight: first.weight, directions: config.directions)
            } else {
                editor = try GANSpace.fit(firstLayer: { generator.firstBlock($0) }, latentDim: generator.latentDim, directions: config.directions,
                                          samples: config.samples, seed: UInt64(seed))
            }
        } catch let error as EditorError {
            throw PipelineError.stageFailed(stage: stageName, reason: error.description)
        }
        var m = metadata
        m["seed"] = String(seed)
        try EditorFile.save(editor, to: outputDir.appendingPathComponent("editor.safetensors"), metadata: m)
        let record = EditorTrainingRecord(kind: config.kind.rawValue, name: config.name, directions: config.directions,
                                          seeds: [], scores: editor.scores,
                                          wallSeconds: ProgressReporter.monotonicSeconds() - began)
        try GeneratorArtifact.writeJSON(record, to: outputDir.appendingPathComponent("training.json"))
    }
}

/// training.json of an editor artifact.
public struct EditorTrainingRecord: Codable, Sendable {
    public struct Seed: Codable, Sendable {
        public var seed: Int
        public var summary: EditorTrainingSummary
    }

    public var kind: String
    public var name: String
    public var directions: Int
    /// One entry per trained seed (empty for closed-form kinds).
    public var seeds: [Seed]
    /// Closed-form kinds: eigenvalue (SeFa) or explained variance (GANSpace) per direction.
    public var scores: [Double]?
    public var wallSeconds: Double
}

/// Shows editor training on the pipeline's progress bar.
final class EditorProgressBar: EditorTrainingProgress {
    let task: ProgressTask
    init(_ task: ProgressTask) { self.task = task }
    func trainingAdvanced(_ metrics: TrainingMetrics, total: Int) { task.update(metrics.step, fields: metrics.fields) }
    func trainingFinished() { task.finish() }
}
