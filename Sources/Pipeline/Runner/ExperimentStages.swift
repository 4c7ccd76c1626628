import Datasets
import Foundation

/// How far a command runs the pipeline; each target includes those before it.
public enum StageTarget: Int, Sendable, CaseIterable, Comparable {
    case data, generator, editors, evaluate, render, site

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Builds the stage graph of experiments from their configs:
///
///     data -> generator -> editor-NAME (one per editor) -> evaluate -> render -> site
///     data, generator, identity -> quality -> evaluate
///
/// (identity, the dataset's identity classifier, feeds the generator's quality figures
/// and evaluate's identity error; it and quality run with the generator target.)
/// Per-experiment stages are named `EXPERIMENT/STAGE`; with several
/// experiments there is one shared `site` stage that reads them all. The
/// site reads every stage (for provenance), render also reads the data
/// (real samples beside generated ones).
public struct ExperimentStages {
    public var catalog: StageCatalog
    /// Where relative paths (checkpoints, IDX files, templates/, content/) resolve.
    public var workingFolder: URL

    public init(catalog: StageCatalog, workingFolder: URL) {
        self.catalog = catalog
        self.workingFolder = workingFolder
    }

    /// The stages up to `target`; `editorNames` limits the editors (all when nil).
    public func stages(for experiments: [ExperimentConfig], through target: StageTarget,
                       editorNames: [String]? = nil) throws -> [any Stage] {
        var stages: [any Stage] = []
        var siteInputs: [String] = []
        for experiment in experiments {
            let own = try experimentStages(experiment, through: target, editorNames: editorNames)
            stages += own
            // Every stage, so the site can show each artifact's manifest (provenance).
            siteInputs += own.map(\.name)
        }
        if target == .site {
            let section = SiteSection(
                experiments: experiments.map { .init(name: $0.name, title: $0.title) },
                templates: try FileFingerprint.of(workingFolder.appendingPathComponent("templates")),
                content: try FileFingerprint.of(workingFolder.appendingPathComponent("content")))
            let name = experiments.count == 1 ? "\(experiments[0].name)/site" : "site"
            stages.append(ConfiguredStage(name: name, inputs: siteInputs, section: section,
                                          formatVersion: FormatVersion.site, seed: 0, module: "Site", work: catalog.site))
        }
        return stages
    }

    func experimentStages(_ config: ExperimentConfig, through target: StageTarget, editorNames: [String]?) throws -> [any Stage] {
        let prefix = config.name + "/"
        func seed(_ local: String) -> Int { StageSeed.derive(master: config.seed, stage: local) }
        var stages: [any Stage] = []

        var files: [String: String] = [:]
        for path in [config.dataset.images, config.dataset.labels].compactMap({ $0 }) {
            let url = resolve(path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw PipelineError.readFailed(path: url.path, reason: "the dataset file of experiment \(config.name) does not exist; fix dataset.images/labels")
            }
            files[path] = try FileFingerprint.of(url)
        }
        stages.append(ConfiguredStage(name: prefix + "data", inputs: [], section: DataSection(dataset: config.dataset, files: files),
                                      formatVersion: FormatVersion.data, seed: seed("data"), module: "Datasets", work: catalog.data))
        guard target >= .generator else { return stages }

        var checkpointHash: String?
        if let checkpoint = config.generator.checkpoint {
            let url = resolve(checkpoint)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw PipelineError.readFailed(path: url.path, reason: "the generator checkpoint of experiment \(config.name) does not exist; "
                    + "fix generator.checkpoint or replace it by `train: {steps: ...}`")
            }
            checkpointHash = try SHA256.hash(fileAt: url)
        }
        // A warm start's weights are an input of training like the config: hash them.
        var initHash: String?
        if config.generator.checkpoint == nil, let initial = config.generator.train?.initialGenerator {
            let url = resolve(initial)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw PipelineError.readFailed(path: url.path, reason: "the warm-start generator of experiment \(config.name) does not exist; "
                    + "fix generator.train.init or remove it")
            }
            initHash = try SHA256.hash(fileAt: url)
        }
        stages.append(ConfiguredStage(name: prefix + "identity", inputs: [prefix + "data"],
                                      section: try IdentityStage.section(for: config.dataset, workingFolder: workingFolder),
                                      formatVersion: FormatVersion.identity, seed: seed("identity"), module: "Evaluation",
                                      work: catalog.identity))
        // The generator's weights depend on the data and the generator config only; what is
        // measured of them (quality_samples, the identity classifier) is the quality stage's,
        // so the editors built on the weights do not retrain when it changes.
        var weights = config.generator
        weights.qualitySamples = nil
        stages.append(ConfiguredStage(name: prefix + "generator", inputs: [prefix + "data"],
                                      section: GeneratorSection(generator: weights, checkpointSHA256: checkpointHash,
                                                                initSHA256: initHash),
                                      formatVersion: FormatVersion.generator, seed: seed("generator"), module: "Generators",
                                      work: catalog.generator))
        stages.append(ConfiguredStage(name: prefix + "quality", inputs: [prefix + "data", prefix + "identity", prefix + "generator"],
                                      section: QualitySection(samples: config.generator.qualitySamples),
                                      formatVersion: FormatVersion.quality, seed: seed("quality"), module: "Evaluation",
                                      work: catalog.quality))
        guard target >= .editors else { return stages }

        var editors = config.editors
        if let editorNames {
            for name in editorNames where !editors.contains(where: { $0.name == name }) {
                throw PipelineError.unknownStage(name: "editor-\(name)", known: editors.map { "editor-\($0.name)" })
            }
            editors = editors.filter { editorNames.contains($0.name) }
        }
        for editor in editors {
            let local = "editor-\(editor.name)"
            stages.append(ConfiguredStage(name: prefix + local, inputs: [prefix + "generator"],
                                          section: EditorSection(editor: editor, latentDim: config.generator.latentDim),
                                          formatVersion: FormatVersion.editor(editor.kind), seed: seed(local), module: "Editors",
                                          work: catalog.editors[editor.kind]))
        }
        guard target >= .evaluate else { return stages }

        let editorStages = editors.map { prefix + "editor-\($0.name)" }
        stages.append(ConfiguredStage(name: prefix + "evaluate",
                                      inputs: [prefix + "data", prefix + "identity", prefix + "generator", prefix + "quality"] + editorStages,
                                      section: EvaluateSection(evaluation: config.evaluation, measurers: config.dataset.measurers,
                                                               editors: editors, title: config.title),
                                      formatVersion: FormatVersion.evaluate, seed: seed("evaluate"), module: "Evaluation",
                                      work: catalog.evaluate))
        guard target >= .render else { return stages }

        stages.append(ConfiguredStage(name: prefix + "render",
                                      inputs: [prefix + "data", prefix + "generator"] + editorStages + [prefix + "evaluate"],
                                      section: RenderSection(render: config.render, attributes: config.evaluation.attributes,
                                                             editors: editors.map(\.name)),
                                      formatVersion: FormatVersion.render, seed: seed("render"), module: "Render",
                                      work: catalog.render))
        return stages
    }

    func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : workingFolder.appendingPathComponent(path)
    }
}

/// Per-stage seeds derived from the experiment's master seed and the stage
/// name, so adding an editor does not change the seeds of the others.
public enum StageSeed {
    public static func derive(master: Int, stage: String) -> Int {
        let digest = SHA256.hash("\(master)/\(stage)")
        return Int(UInt32(digest.prefix(8), radix: 16)! & 0x7fff_ffff)
    }
}
