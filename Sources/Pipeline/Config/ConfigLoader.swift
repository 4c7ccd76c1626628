import Foundation
import Generators
import Yams

/// Loads and validates experiment configs. Every problem is one
/// `ConfigError` line naming file, line and key path.
public enum ConfigLoader {
    /// Reads `url`; `name` defaults to the file name without `.yaml`.
    public static func load(_ url: URL) throws -> ExperimentConfig {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PipelineError.readFailed(path: url.path, reason: AtomicWrite.describe(error))
        }
        return try parse(text, file: url.path, defaultName: url.deletingPathExtension().lastPathComponent)
    }

    public static func parse(_ text: String, file: String, defaultName: String) throws -> ExperimentConfig {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigError(file: file, line: nil, keyPath: "", message: "the file is empty; see content/experiments/README.md")
            }
            root = node
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        }
        var top = try ConfigReader(file: file, path: "", node: root)
        let name = try top.string("name", default: defaultName)
        try checkIdentifier(name, key: "name", in: top)
        // `runs/results` is the export root, and the site skips folders starting with '_'.
        if name == "results" || name.hasPrefix("_") || name.hasPrefix("-") {
            throw top.error("name", "'\(name)' is reserved (results) or starts with '_' or '-'; start it with a letter or digit")
        }
        let title = try top.string("title", default: name)
        let seed = try top.int("seed", default: Defaults.seed, range: Defaults.seedRange)
        guard var datasetReader = try top.mapping("dataset") else {
            throw ConfigError(file: file, line: root.mark?.line, keyPath: "dataset",
                              message: "required section is missing; e.g. `dataset: {kind: sprites}`")
        }
        let dataset = try readDataset(&datasetReader)
        let datasetLine = datasetReader.line
        var generator = GeneratorConfig()
        if var reader = try top.mapping("generator") { generator = try readGenerator(&reader) }
        let editors = try readEditors(&top)
        var evaluation = EvaluationConfig(measurers: dataset.measurers)
        if var reader = try top.mapping("evaluation") { evaluation = try readEvaluation(&reader, measurers: dataset.measurers) }
        var render = RenderConfig(measurers: dataset.measurers)
        render.commutativity = defaultCommutativity(dataset.measurers, attributes: evaluation.attributes)
        if var reader = try top.mapping("render") {
            render = try readRender(&reader, measurers: dataset.measurers, attributes: evaluation.attributes)
        }
        try checkAcrossSections(file: file, datasetLine: datasetLine, dataset: dataset, generator: generator,
                                editors: editors, evaluation: evaluation)
        try top.finish()
        return ExperimentConfig(name: name, title: title, seed: seed, dataset: dataset, generator: generator,
                                editors: editors, evaluation: evaluation, render: render)
    }

    /// Limits that join keys of several sections, checked at load rather than after hours
    /// of training: sprites to sample a training batch from, enough directions for the
    /// attributes to match, and no more latent directions than the latent has.
    static func checkAcrossSections(file: String, datasetLine: Int?, dataset: DatasetConfig, generator: GeneratorConfig,
                                    editors: [EditorConfig], evaluation: EvaluationConfig) throws {
        if dataset.kind == .sprites, let train = generator.train, train.batch > dataset.count {
            throw ConfigError(file: file, line: datasetLine, keyPath: "dataset.count",
                              message: "\(dataset.count) sprites are fewer than generator.train.batch (\(train.batch)); raise count or lower batch")
        }
        for (index, editor) in editors.enumerated() {
            if editor.directions < evaluation.attributes.count {
                throw ConfigError(file: file, line: nil, keyPath: "editors[\(index)].directions",
                                  message: "\(editor.directions) directions cannot match \(evaluation.attributes.count) attributes "
                                      + "(\(evaluation.attributes.joined(separator: ", "))); give at least \(evaluation.attributes.count)")
            }
            let bounded: [EditorKind] = [.curvilinear, .curvilinearIso, .sefa, .ganspace]
            if bounded.contains(editor.kind), editor.directions > generator.latentDim {
                throw ConfigError(file: file, line: nil, keyPath: "editors[\(index)].directions",
                                  message: "\(editor.kind.rawValue) has one direction per latent axis at most: \(editor.directions) > latent_dim \(generator.latentDim)")
            }
            if editor.kind == .ganspace, editor.samples <= editor.directions {
                throw ConfigError(file: file, line: nil, keyPath: "editors[\(index)].samples",
                                  message: "\(editor.samples) samples cannot give \(editor.directions) principal components; give more samples than directions")
            }
        }
    }

    static func yamlError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigError(file: file, line: mark.line, keyPath: "", message: "YAML syntax: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ConfigError(file: file, line: context.mark.line, keyPath: duplicates.joined(separator: ", "),
                               message: "key given twice; keep one")
        default:
            return ConfigError(file: file, line: nil, keyPath: "", message: "YAML: \(error)")
        }
    }

    static func checkIdentifier(_ value: String, key: String, in reader: ConfigReader) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_-")
        guard !value.isEmpty, value.allSatisfy({ allowed.contains($0) }) else {
            throw reader.error(key, "'\(value)' must be lowercase letters, digits, '_' or '-' (it names folders)")
        }
    }

    static func readDataset(_ reader: inout ConfigReader) throws -> DatasetConfig {
        let kind = DatasetKind(rawValue: try reader.choice("kind", default: nil, allowed: DatasetKind.allCases.map(\.rawValue)))!
        let images = try reader.optionalString("images")
        let labels = try reader.optionalString("labels")
        let measurers = Measurers(rawValue: try reader.choice(
            "measurers", default: Defaults.measurers(for: kind).rawValue, allowed: Measurers.allCases.map(\.rawValue)))!
        let count = try reader.int("count", default: Defaults.spritesCount, range: 100...1_000_000)
        if kind == .idx, images == nil {
            throw reader.error("kind", "kind idx needs `images: path/to/images-idx3-ubyte(.gz)`")
        }
        try reader.finish()
        return DatasetConfig(kind: kind, images: images, labels: labels, measurers: measurers, count: count)
    }

    static func readGenerator(_ reader: inout ConfigReader) throws -> GeneratorConfig {
        let arch = try reader.choice("arch", default: Defaults.generatorArch, allowed: Defaults.generatorArchs)
        let width = try reader.int("width", default: Defaults.generatorWidth, range: 4...512)
        let latentDim = try reader.int("latent_dim", default: Defaults.latentDim, range: 2...1024)
        let checkpoint = try reader.optionalString("checkpoint")
        let qualitySamples = try reader.int("quality_samples", default: Defaults.qualitySamples, range: 10...100_000)
        var train: GANTrainConfig?
        if var trainReader = try reader.mapping("train") {
            if checkpoint != nil {
                throw reader.error("train", "give either `checkpoint` (load) or `train` (train one), not both")
            }
            var config = GANTrainConfig()
            config.steps = try trainReader.int("steps", default: config.steps, range: 1...10_000_000)
            config.batch = try trainReader.int("batch", default: config.batch, range: 1...4096)
            config.kind = try trainReader.choice("kind", default: config.kind, allowed: Defaults.generatorKinds)
            config.lr = try trainReader.double("lr", default: config.lr, range: 0...1, lowerOpen: true)
            config.lrD = try trainReader.double("lr_d", default: config.lrD, range: 0...1, lowerOpen: true)
            config.dSteps = try trainReader.int("d_steps", default: config.dSteps, range: 1...100)
            config.ema = try trainReader.double("ema", default: config.ema, range: 0...0.999_999)
            config.checkpointEvery = try trainReader.int("checkpoint_every", default: config.checkpointEvery,
                                                         range: 1...10_000_000)
            config.likelihood = try trainReader.choice("likelihood", default: config.likelihood,
                                                       allowed: Defaults.vaeLikelihoods)
            config.initialGenerator = try trainReader.optionalString("init")
            config.sigma = try trainReader.double("sigma", default: config.sigma, range: 0...10, lowerOpen: true)
            config.beta1 = try trainReader.double("beta1", default: config.beta1, range: 0...0.999_999)
            config.beta2 = try trainReader.double("beta2", default: config.beta2, range: 0...0.999_999)
            config.discriminator = try trainReader.choice("discriminator", default: config.discriminator,
                                                          allowed: Defaults.discriminators)
            config.dWidth = try trainReader.optionalInt("d_width", range: 1...1024)
            config.mbstdGroup = try trainReader.optionalInt("mbstd_group", range: 1...4096)
            config.mbstdFeatures = try trainReader.optionalInt("mbstd_features", range: 1...4096)
            try checkMinibatchStd(config, width: width, trainReader)
            let augment = try trainReader.stringList("augment", default: [], allowed: Defaults.augmentations)
            config.augment = augment.isEmpty ? nil : augment
            config.loss = try trainReader.choice("loss", default: config.loss, allowed: Defaults.ganLosses)
            config.lrDecayStart = try trainReader.optionalInt("lr_decay_start", range: 0...(config.steps - 1))
            config.dWarmup = try trainReader.optionalInt("d_warmup", range: 0...(config.steps - 1))
            try trainReader.finish()
            train = config
        }
        try reader.finish()
        var generator = GeneratorConfig(arch: arch, width: width, latentDim: latentDim, checkpoint: checkpoint, train: train)
        generator.qualitySamples = qualitySamples == Defaults.qualitySamples ? nil : qualitySamples
        return generator
    }

    /// `mbstd_group` must divide the batch and `mbstd_features` the discriminator's last
    /// feature channels (4 or 8 times its width), and both need a `_mbstd` discriminator.
    static func checkMinibatchStd(_ config: GANTrainConfig, width: Int, _ reader: ConfigReader) throws {
        guard let kind = DiscriminatorKind(rawValue: config.discriminator) else { return }
        for (key, value) in [("mbstd_group", config.mbstdGroup), ("mbstd_features", config.mbstdFeatures)] where value != nil {
            guard kind.hasMinibatchStd else {
                throw reader.error(key, "needs a discriminator with a minibatch-stddev map (\(DiscriminatorKind.minibatchStdNames)); this one is \(config.discriminator)")
            }
        }
        if let group = config.mbstdGroup, config.batch % group != 0 {
            throw reader.error("mbstd_group", "\(group) does not divide the batch (\(config.batch)); use a divisor such as 4")
        }
        let channels = kind.lastFeatureChannels(width: config.dWidth ?? width)
        if let features = config.mbstdFeatures, channels % features != 0 {
            throw reader.error("mbstd_features", "\(features) does not divide the discriminator's \(channels) last feature channels; use a divisor such as 4")
        }
    }

    static func readEditors(_ top: inout ConfigReader) throws -> [EditorConfig] {
        guard let node = top.value("editors") else { return Defaults.editorKinds.map { EditorConfig(kind: $0) } }
        guard let items = node.sequence, !items.isEmpty else {
            throw top.error("editors", "expected a non-empty list of editors, e.g. `- {kind: linear}`")
        }
        var editors: [EditorConfig] = []
        for (index, item) in items.enumerated() {
            var reader = try ConfigReader(file: top.file, path: "editors[\(index)]", node: item)
            let editor = try readEditor(&reader)
            if editors.contains(where: { $0.name == editor.name }) {
                throw ConfigError(file: top.file, line: item.mark?.line, keyPath: "editors[\(index)].name",
                                  message: "two editors are named '\(editor.name)'; give each a distinct `name:`")
            }
            editors.append(editor)
        }
        return editors
    }

    static func readEditor(_ reader: inout ConfigReader) throws -> EditorConfig {
        let kind = EditorKind(rawValue: try reader.choice("kind", default: nil, allowed: EditorKind.allCases.map(\.rawValue)))!
        var editor = EditorConfig(kind: kind, name: try reader.optionalString("name"))
        try checkIdentifier(editor.name, key: "name", in: reader)
        editor.directions = try reader.int("directions", default: editor.directions, range: 1...512)
        let keys = Set(kind.keys)
        if keys.contains("steps") {
            editor.steps = try reader.int("steps", default: editor.steps, range: 1...10_000_000)
            editor.batch = try reader.int("batch", default: editor.batch, range: 1...4096)
            editor.lr = try reader.double("lr", default: editor.lr, range: 0...1, lowerOpen: true)
            editor.epsMin = try reader.double("eps_min", default: editor.epsMin, range: 0...100)
            editor.epsMax = try reader.double("eps_max", default: editor.epsMax, range: 0...100, lowerOpen: true)
            if editor.epsMax <= editor.epsMin {
                throw reader.error(reader.has("eps_max") ? "eps_max" : "eps_min",
                                   "eps_max (\(editor.epsMax)) must exceed eps_min (\(editor.epsMin))")
            }
            editor.lambda = try reader.double("lambda", default: editor.lambda, range: 0...100)
            editor.seeds = try reader.int("seeds", default: editor.seeds, range: 1...16)
        }
        if keys.contains("dipoles") { editor.dipoles = try reader.int("dipoles", default: editor.dipoles, range: 1...1024) }
        if keys.contains("layers") {
            editor.layers = try reader.int("layers", default: editor.layers, range: 1...64)
            editor.hidden = try reader.int("hidden", default: editor.hidden, range: 1...4096)
            editor.alpha = try reader.double("alpha", default: editor.alpha, range: 0...1000)
            editor.beta = try reader.double("beta", default: editor.beta, range: 0...1000)
        }
        if keys.contains("samples") { editor.samples = try reader.int("samples", default: editor.samples, range: 100...1_000_000) }
        try reader.finish()
        return editor
    }

    static func readEvaluation(_ reader: inout ConfigReader, measurers: Measurers) throws -> EvaluationConfig {
        var config = EvaluationConfig(measurers: measurers)
        config.strength = try reader.double("strength", default: config.strength, range: 0...100, lowerOpen: true)
        config.latents = try reader.int("latents", default: config.latents, range: 2...1_000_000)
        config.attributes = try reader.stringList("attributes", default: config.attributes,
                                                  allowed: Defaults.allowedAttributes(of: measurers))
        if config.attributes.count < 2 {
            throw reader.error("attributes", "list at least 2 attributes (side effects and commutativity compare pairs), got \(config.attributes.count)")
        }
        config.calibrate = try reader.bool("calibrate", default: config.calibrate)
        config.targetChange = try reader.double("target_change", default: config.targetChange, range: 0...10, lowerOpen: true)
        config.points = try reader.int("points", default: config.points, range: 3...101)
        try reader.finish()
        return config
    }

    /// The grid's attributes when `render.commutativity` is not given: the measurers' default
    /// among the evaluated attributes, else the first three evaluated (the same with or
    /// without a `render` section, so writing one out does not change the stage key).
    static func defaultCommutativity(_ measurers: Measurers, attributes: [String]) -> [String] {
        let kept = Defaults.commutativity(of: measurers).filter(attributes.contains)
        return kept.count >= 2 ? kept : Array(attributes.prefix(3))
    }

    static func readRender(_ reader: inout ConfigReader, measurers: Measurers, attributes: [String]) throws -> RenderConfig {
        var config = RenderConfig(measurers: measurers)
        config.latents = try reader.int("latents", default: config.latents, range: 1...64)
        config.steps = try reader.int("steps", default: config.steps, range: 3...31)
        // The framed middle column is the original image, t = 0: an odd count has one.
        if config.steps % 2 == 0 {
            throw reader.error("steps", "\(config.steps) columns have no middle one at t = 0; use an odd number such as \(config.steps + 1)")
        }
        config.frames = try reader.int("frames", default: config.frames, range: 2...256)
        let given = reader.has("commutativity")
        config.commutativity = try reader.stringList("commutativity", default: defaultCommutativity(measurers, attributes: attributes),
                                                     allowed: attributes)
        if given, !(2...3).contains(config.commutativity.count) {
            throw reader.error("commutativity", "list 2 or 3 attributes, got \(config.commutativity.count)")
        }
        try reader.finish()
        return config
    }
}
