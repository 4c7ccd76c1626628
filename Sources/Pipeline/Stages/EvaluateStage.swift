import ArtifactContract
import Datasets
import Editors
import Evaluation
import Foundation
import Generators
import Tensor

/// The `evaluate` stage (DESIGN.md section 5): every editor of the experiment measured
/// on the same held-out latents. Reads
///
///     data artifact        summary.json  attributes[].std = sigma_j over real data
///                          dataset.json  the dataset config (to load its identity classifier)
///     generator artifact   generator.safetensors
///     quality artifact     quality.json (Frechet distances, W1 / sigma)
///     editor-NAME          editor.safetensors (seed 0), seeds/seed-S/editor.safetensors, training.json
///     identity artifact    the dataset's identity classifier (NAME.safetensors, NAME.json)
///
/// and writes `results.json` (ArtifactContract, schema 1; identical bytes for identical inputs
/// apart from `provenance.created`, so no wall time: the manifest has it) and `tables/NAME.csv` and
/// `tables/NAME.tex` for every table. Whatever is missing (no classifier, no quality
/// figures) is left out and named in `results.notes`.
public enum EvaluateStage {
    public static func run(_ section: EvaluateSection, context: StageContext, outputDir: URL) throws {
        BLAS.setThreads(context.threads)
        AttributeReadout.threads = context.threads
        let experiment = String(context.stageName.split(separator: "/").first ?? "experiment")
        var notes: [String] = []

        let dataFolder = try context.input("data"), generatorFolder = try context.input("generator")
        let qualityFolder = try context.input("quality")
        let attributes = try measuredAttributes(section, dataFolder: dataFolder, qualityFolder: qualityFolder)
        let (dcgan, _) = try GeneratorFile.load(from: generatorFolder.appendingPathComponent("generator.safetensors"))
        let generator = LayerGenerator(dcgan)

        let classifier = try identityClassifier(dataFolder: dataFolder, identityFolder: try context.input("identity"), notes: &notes)
        let identityNote = classifier == nil ? notes.last : nil
        var quality = generatorQuality(qualityFolder, notes: &notes)
        if let dataset = ArtifactReading.datasetConfig(dataFolder.appendingPathComponent("dataset.json")) {
            quality?.classNames = GeneratorEvaluation.classifierRecipe(for: dataset).classNames
        }

        let settings = try EvaluateStage.settings(section.evaluation, seed: context.seed)
        context.progress.log("\(context.stageName): measuring \(settings.latents) held-out latents")
        let evaluator = try EditorEvaluator(settings: settings, attributes: attributes, generator: generator,
                                            classifier: classifier)
        var tables: [String: EditorTables] = [:]
        let loaded = try section.editors.map { config in (config, try editorSeeds(config, context: context)) }
        let task = context.task(total: loaded.reduce(0) { $0 + $1.1.count })
        var done = 0
        for (config, seeds) in loaded {
            let editor = EditorUnderTest(name: config.name, seeds: seeds.map { LatentEditorFunction($0.editor) })
            var table: EditorTables
            do {
                table = try evaluator.tables(editor, identityUnavailable: identityNote) { _ in
                    done += 1
                    task.update(done)
                }
            } catch let error as DirectionMatchingError {
                throw PipelineError.stageFailed(stage: context.stageName, reason: "editor \(config.name): \(error)")
            }
            let training = trainingRecord(try context.input("editor-\(config.name)"))
            table.fixed.training = training
            table.calibrated?.training = training
            tables[config.name] = table
            context.progress.log("\(context.stageName): \(config.name): " + headline(table.calibrated ?? table.fixed))
            notes += caveats(config.name, table, target: settings.targetChange)
            let streams: [EvaluationSettings.Stream] = [.heldOut, .matching, .calibration]
            for s in seeds where streams.contains(where: { s.trainingSeed.map(UInt64.init) == settings.seed($0) }) {
                notes.append("editor \(config.name): a training seed equals an evaluation latent seed; held-out latents may overlap")
            }
        }
        task.finish()

        let results = ResultsAssembly.results(
            experiment: experiment, title: section.title ?? experiment,
            provenance: Provenance(configHash: try configHash(section, context: context), seed: context.seed,
                                   codeVersion: CodeVersion.current, created: ISO8601DateFormatter().string(from: Date()),
                                   threads: context.threads, blasCore: BLAS.coreName),
            attributes: attributes, generator: quality, tables: tables, evaluationProtocol: evaluator.evaluationProtocol,
            dataset: datasetInfo(dataFolder), notes: notes)
        try ResultsWriter.write(results, to: outputDir)
    }

    /// The metric settings of a config section. Held-out latents come from the evaluate
    /// stage's own seed, which is derived from the stage name and so differs from every
    /// editor's training seed.
    public static func settings(_ c: EvaluationConfig, seed: Int) throws -> EvaluationSettings {
        guard c.points >= 3 else {
            throw PipelineError.stageFailed(stage: "evaluate", reason: "evaluation.points is \(c.points); use at least 3")
        }
        return EvaluationSettings(strength: c.strength, points: c.points, latents: c.latents, calibrate: c.calibrate,
                                  targetChange: c.targetChange, seed: UInt64(seed))
    }

    /// The attributes of `evaluation.attributes`, in that order, with sigma_j from the data
    /// artifact's summary.json (else the quality stage's quality.json, which records the real std).
    static func measuredAttributes(_ section: EvaluateSection, dataFolder: URL, qualityFolder: URL) throws -> [MeasuredAttribute] {
        guard let set = AttributeMeasurers.set(named: section.measurers.rawValue) else {
            throw PipelineError.stageFailed(stage: "evaluate", reason: "dataset.measurers is \(section.measurers.rawValue): "
                                            + "there are no attributes to evaluate; use sprites or digits")
        }
        let sigmas = try ArtifactReading.attributeStds(dataFolder.appendingPathComponent("summary.json"))
            ?? ArtifactReading.attributeStds(qualityFolder.appendingPathComponent(QualityStage.file), key: "real_std")
        return try section.evaluation.attributes.map { key in
            guard let measurer = AttributeMeasurers.measurer(forKey: key, in: set) else {
                throw PipelineError.stageFailed(stage: "evaluate", reason: "evaluation.attributes has \(key), which the "
                                                + "\(section.measurers.rawValue) measurers do not provide")
            }
            guard let sigma = sigmas?[key] else {
                throw PipelineError.readFailed(path: dataFolder.appendingPathComponent("summary.json").path,
                                               reason: "no std of attribute \(key) over real data; rerun with --force data")
            }
            return MeasuredAttribute(measurer: measurer, sigma: sigma)
        }
    }

    /// The trained (or closed-form) editor of every seed, in seed order.
    static func editorSeeds(_ config: EditorConfig, context: StageContext) throws -> [(editor: any LatentEditor, trainingSeed: Int?)] {
        let folder = try context.input("editor-\(config.name)")
        var files = [folder.appendingPathComponent("editor.safetensors")]
        let seeds = folder.appendingPathComponent("seeds")
        let extra = ((try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? [])
            .compactMap { name in name.hasPrefix("seed-") ? Int(name.dropFirst(5)).map { ($0, name) } : nil }
            .sorted { $0.0 < $1.0 }
        files += extra.map { seeds.appendingPathComponent($0.1).appendingPathComponent("editor.safetensors") }
        return try files.map { url in
            do {
                let (editor, metadata) = try EditorFile.load(from: url)
                return (editor, metadata["seed"].flatMap { Int($0) })
            } catch {
                throw PipelineError.readFailed(path: url.path, reason: "\(error); rerun with --force editor-\(config.name)")
            }
        }
    }

    /// The identity stage's classifier; nil (with a note) if the identity artifact holds
    /// none (one made elsewhere without it). One that is there but cannot be used (damaged,
    /// or made by another recipe than this code's) is an error: results.json without its
    /// identity error would otherwise be cached as complete.
    static func identityClassifier(dataFolder: URL, identityFolder: URL, notes: inout [String]) throws -> (any IdentityClassifier)? {
        guard let dataset = ArtifactReading.datasetConfig(dataFolder.appendingPathComponent("dataset.json")) else {
            notes.append("identity error omitted: the data artifact has no dataset.json to find the identity classifier")
            return nil
        }
        let name = GeneratorEvaluation.classifierRecipe(for: dataset).name
        let files = [name + ".safetensors", name + ".json"].map { identityFolder.appendingPathComponent($0) }
        guard files.contains(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            notes.append("identity error omitted: the identity artifact holds no classifier \(name)")
            return nil
        }
        return LeNetIdentity(try GeneratorEvaluation.storedClassifier(for: dataset, folder: identityFolder).0)
    }

    /// Figures of the quality artifact's quality.json; nil (with a note) if absent.
    static func generatorQuality(_ folder: URL, notes: inout [String]) -> GeneratorQualityFigures? {
        guard let q = ArtifactReading.object(folder.appendingPathComponent(QualityStage.file)),
              let figures = GeneratorQualityFigures(qualityJSON: q) else {
            notes.append("generator quality unavailable: the quality artifact has no readable quality.json")
            return nil
        }
        return figures
    }

    /// Matches below this score are flagged: the direction hardly moves its attribute.
    public static let weakMatchScore = 0.3

    /// Notes on what limits an editor's tables: targets the calibration could not reach,
    /// and attributes no direction moves consistently.
    static func caveats(_ name: String, _ table: EditorTables, target: Double) -> [String] {
        var notes: [String] = []
        let table0 = table.calibrated ?? table.fixed
        // Several seeds: each seed's table has its own calibration.
        // An unreached target has two causes (StrengthCalibration.swift): even the largest T
        // tried (16 T) stayed below it, or the bisection on a non-monotone D_j ended more than
        // the tolerance away, below or above; the note says which side the edit is on.
        let seedTables = table.calibrated.map { $0.seeds?.perSeed ?? [$0] } ?? []
        let unreached = seedTables.flatMap { ($0.calibration ?? [:]).filter { !$0.value.reached } }
        let below = Set(unreached.filter { $0.value.achieved < target }.map(\.key)).sorted()
        let above = Set(unreached.filter { $0.value.achieved >= target }.map(\.key)).sorted()
        if !below.isEmpty {
            notes.append("editor \(name): calibration stayed below the target change for \(below.joined(separator: ", ")) "
                         + "(at most 16 T, or a bisection that did not settle); those edits are weaker than the others")
        }
        if !above.isEmpty {
            notes.append("editor \(name): calibration ended above the target change for \(above.joined(separator: ", ")) "
                         + "(a bisection that did not settle: the change is not monotone in T); those edits are stronger than the others")
        }
        let weak = table0.matching.filter { $0.score < weakMatchScore }.map(\.attribute)
        if !weak.isEmpty {
            notes.append("editor \(name): no direction moves \(weak.joined(separator: ", ")) consistently "
                         + "(matching score below \(weakMatchScore))")
        }
        return notes
    }

    /// One line of an editor's headline numbers, for the log.
    static func headline(_ r: EditorResults) -> String {
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        let strengths = r.matching.map { "\($0.attribute)=\(f(r.strength[$0.attribute] ?? 0))" }.joined(separator: " ")
        return "side effect \(f(r.sideEffect.offDiagonalMean))%, commutativity \(f(r.commutativityOrder.mean))% "
            + "(round trip \(f(r.commutativityRoundtrip.mean))%, latent \(f(r.latentCommutator.mean))%), identity "
            + (r.identityError.unavailable == nil ? "\(f(r.identityError.mean))%" : "n/a") + "; T: \(strengths)"
    }

    /// Kind, image count and channels from the data artifact's summary.json.
    static func datasetInfo(_ folder: URL) -> DatasetInfo? {
        guard let s = ArtifactReading.object(folder.appendingPathComponent("summary.json")), let kind = s["kind"] as? String else {
            return nil
        }
        return DatasetInfo(kind: kind, images: s["count"] as? Int, size: 32, channels: s["channels"] as? Int)
    }

    /// training.json of an editor artifact as the contract's `Training` (seed 0).
    static func trainingRecord(_ folder: URL) -> Training? {
        guard let record = ArtifactReading.object(folder.appendingPathComponent("training.json")),
              let first = (record["seeds"] as? [[String: Any]])?.first,
              let summary = first["summary"] as? [String: Any], let steps = summary["steps"] as? Int else { return nil }
        return Training(steps: steps, wallTimeSeconds: summary["wall_s"] as? Double ?? 0,
                        accuracy: (summary["held_out_accuracy"] as? Double).map { $0 * 100 })
    }

    /// SHA-256 of the section and of the input artifacts' folder names (which carry their keys).
    static func configHash(_ section: EvaluateSection, context: StageContext) throws -> String {
        let inputs = context.inputs.map { "\($0.key)=\($0.value.lastPathComponent)" }.sorted().joined(separator: "\n")
        return SHA256.hash(try CanonicalJSON.string(section) + "\n" + inputs)
    }
}
