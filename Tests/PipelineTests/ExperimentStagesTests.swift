import Foundation
import TestSupport
import XCTest
@testable import Pipeline

final class ExperimentStagesTests: XCTestCase {
    let yaml = """
    name: tiny
    dataset: {kind: sprites, count: 100}
    generator: {width: 4, latent_dim: 8, train: {steps: 2, batch: 4}}
    editors:
      - {kind: linear, directions: 5, steps: 2}
      - {kind: curvilinear, directions: 5, steps: 2, layers: 1, hidden: 4}
    evaluation: {latents: 4}
    render: {latents: 1}
    """

    func tiny(_ text: String? = nil) throws -> ExperimentConfig {
        try ConfigLoader.parse(text ?? yaml, file: "tiny.yaml", defaultName: "tiny")
    }

    /// A catalog whose every stage writes one file naming itself and the
    /// editors it saw; the site writes index.html.
    static func fakeCatalog(_ journal: Journal) -> StageCatalog {
        var catalog = StageCatalog()
        @Sendable func note(_ context: StageContext, _ out: URL, _ text: String) throws {
            journal.record(context.stageName)
            try Data(text.utf8).write(to: out.appendingPathComponent("out.txt"))
        }
        catalog.data = { section, context, out in try note(context, out, "\(section.dataset.count)") }
        catalog.identity = { section, context, out in try note(context, out, section.classifier) }
        catalog.generator = { section, context, out in try note(context, out, "\(section.generator.width)") }
        catalog.quality = { section, context, out in try note(context, out, "\(section.samples ?? 0)") }
        for kind in EditorKind.allCases {
            catalog.editors[kind] = { section, context, out in try note(context, out, section.editor.name) }
        }
        catalog.evaluate = { section, context, out in try note(context, out, section.editors.map(\.name).joined()) }
        catalog.render = { section, context, out in try note(context, out, section.editors.joined()) }
        catalog.site = { section, context, out in
            journal.record(context.stageName)
            try Data("<h1>\(section.experiments.map(\.title).joined())</h1>".utf8).write(to: out.appendingPathComponent("index.html"))
        }
        return catalog
    }

    func testTheGraphOfOneExperiment() throws {
        let stages = try ExperimentStages(catalog: StageCatalog(), workingFolder: try temporaryFolder())
            .stages(for: [try tiny()], through: .site)
        XCTAssertEqual(stages.map(\.name), ["tiny/data", "tiny/identity", "tiny/generator", "tiny/quality", "tiny/editor-linear",
                                            "tiny/editor-curvilinear", "tiny/evaluate", "tiny/render", "tiny/site"])
        XCTAssertEqual(stages[1].inputs, ["tiny/data"])
        XCTAssertEqual(stages[2].inputs, ["tiny/data"], "the weights do not depend on what measures them")
        XCTAssertEqual(stages[3].inputs, ["tiny/data", "tiny/identity", "tiny/generator"])
        XCTAssertEqual(stages[4].inputs, ["tiny/generator"])
        XCTAssertEqual(stages[6].inputs, ["tiny/data", "tiny/identity", "tiny/generator", "tiny/quality", "tiny/editor-linear",
                                          "tiny/editor-curvilinear"])
        XCTAssertEqual(stages[7].inputs, ["tiny/data", "tiny/generator", "tiny/editor-linear", "tiny/editor-curvilinear",
                                          "tiny/evaluate"])
        XCTAssertEqual(stages[8].inputs, Array(stages.map(\.name).dropLast()))
        XCTAssertEqual(stages[3].availability, .notYet(module: "Evaluation"))
        XCTAssertEqual(stages[4].availability, .notYet(module: "Editors"))
        XCTAssertNotEqual(stages[4].seed, stages[5].seed)
        let upToEditors = try ExperimentStages(catalog: StageCatalog(), workingFolder: try temporaryFolder())
            .stages(for: [try tiny()], through: .editors, editorNames: ["curvilinear"])
        XCTAssertEqual(upToEditors.map(\.name), ["tiny/data", "tiny/identity", "tiny/generator", "tiny/quality", "tiny/editor-curvilinear"])
    }

    /// The shipped classifier in models/identity is part of the identity key, and so of
    /// everything that used it; no shipped copy (the stage trains one) is a key of its own.
    /// The generator and the editors built on its weights do not use it.
    func testTheShippedIdentityClassifierIsPartOfTheKeys() throws {
        let folder = try temporaryFolder()
        let builder = ExperimentStages(catalog: StageCatalog(), workingFolder: folder)
        let runner = makeRunner(root: folder.appendingPathComponent("runs"), journal: Journal())
        let config = try tiny()
        let none = try runner.plan(builder.stages(for: [config], through: .evaluate))
        let shipped = folder.appendingPathComponent("models/identity")
        try FileManager.default.createDirectory(at: shipped, withIntermediateDirectories: true)
        try Data("w1".utf8).write(to: shipped.appendingPathComponent("sprites-shape-lenet.safetensors"))
        try Data("{}".utf8).write(to: shipped.appendingPathComponent("sprites-shape-lenet.json"))
        let one = try runner.plan(builder.stages(for: [config], through: .evaluate))
        try Data("w2".utf8).write(to: shipped.appendingPathComponent("sprites-shape-lenet.safetensors"))
        let two = try runner.plan(builder.stages(for: [config], through: .evaluate))
        let unchanged: Set = ["tiny/data", "tiny/generator", "tiny/editor-linear", "tiny/editor-curvilinear"]
        for index in 0..<none.count {
            let name = none[index].stage.name
            XCTAssertEqual(Set([none[index].key, one[index].key, two[index].key]).count, unchanged.contains(name) ? 1 : 3, name)
        }
        XCTAssertEqual(Set(none.map(\.stage.name)).subtracting(unchanged), ["tiny/identity", "tiny/quality", "tiny/evaluate"])
    }

    /// More quality samples re-measure the generator and re-evaluate; the generator's
    /// weights and the editors trained on them stay cached.
    func testQualitySamplesDoNotRetrainTheGeneratorOrTheEditors() throws {
        let folder = try temporaryFolder()
        let builder = ExperimentStages(catalog: StageCatalog(), workingFolder: folder)
        let runner = makeRunner(root: folder.appendingPathComponent("runs"), journal: Journal())
        let before = try runner.plan(builder.stages(for: [try tiny()], through: .render))
        let more = try tiny(yaml.replacingOccurrences(of: "latent_dim: 8,", with: "latent_dim: 8, quality_samples: 500,"))
        let after = try runner.plan(builder.stages(for: [more], through: .render))
        XCTAssertEqual(before.map(\.stage.name), after.map(\.stage.name))
        let changed = zip(before, after).filter { $0.key != $1.key }.map(\.0.stage.name)
        XCTAssertEqual(changed, ["tiny/quality", "tiny/evaluate", "tiny/render"])
    }

    func testSeveralExperimentsShareOneSite() throws {
        let other = try tiny(yaml.replacingOccurrences(of: "name: tiny", with: "name: other"))
        let stages = try ExperimentStages(catalog: StageCatalog(), workingFolder: try temporaryFolder())
            .stages(for: [try tiny(), other], through: .site)
        XCTAssertEqual(stages.last?.name, "site")
        XCTAssertEqual(stages.last?.inputs, Array(stages.map(\.name).dropLast()))
        XCTAssertEqual(stages.filter { $0.localName == "data" }.map(\.name), ["tiny/data", "other/data"])
    }

    func testAnUnknownEditorNameIsReported() throws {
        XCTAssertThrowsError(try ExperimentStages(catalog: StageCatalog(), workingFolder: try temporaryFolder())
            .stages(for: [try tiny()], through: .editors, editorNames: ["linaer"])) { error in
            XCTAssertEqual(String(describing: error),
                           "unknown stage 'editor-linaer'; did you mean 'editor-linear'? stages: editor-linear, editor-curvilinear")
        }
    }

    func testAMissingCheckpointIsReportedBeforeAnythingRuns() throws {
        let config = try tiny(yaml.replacingOccurrences(of: "train: {steps: 2, batch: 4}", with: "checkpoint: models/none.safetensors"))
        XCTAssertThrowsError(try ExperimentStages(catalog: StageCatalog(), workingFolder: try temporaryFolder())
            .stages(for: [config], through: .generator)) { error in
            XCTAssertTrue(String(describing: error).contains("the generator checkpoint of experiment tiny does not exist"))
        }
    }

    func testTheCheckpointContentIsPartOfTheGeneratorKey() throws {
        let folder = try temporaryFolder()
        let config = try tiny(yaml.replacingOccurrences(of: "train: {steps: 2, batch: 4}", with: "checkpoint: g.safetensors"))
        let builder = ExperimentStages(catalog: StageCatalog(), workingFolder: folder)
        let runner = makeRunner(root: folder.appendingPathComponent("runs"), journal: Journal())
        try Data("one".utf8).write(to: folder.appendingPathComponent("g.safetensors"))
        let first = try runner.plan(builder.stages(for: [config], through: .editors))
        try Data("two".utf8).write(to: folder.appendingPathComponent("g.safetensors"))
        let second = try runner.plan(builder.stages(for: [config], through: .editors))
        XCTAssertEqual(first[0].key, second[0].key)
        XCTAssertEqual(first[1].key, second[1].key)
        XCTAssertNotEqual(first[2].key, second[2].key)
        XCTAssertNotEqual(first[3].key, second[3].key)
    }

    func testTheWarmStartContentIsPartOfTheGeneratorKey() throws {
        let folder = try temporaryFolder()
        let config = try tiny(yaml.replacingOccurrences(of: "train: {steps: 2, batch: 4}",
                                                        with: "train: {steps: 2, batch: 4, init: vae.safetensors}"))
        let builder = ExperimentStages(catalog: StageCatalog(), workingFolder: folder)
        let runner = makeRunner(root: folder.appendingPathComponent("runs"), journal: Journal())
        XCTAssertThrowsError(try builder.stages(for: [config], through: .generator)) { error in
            XCTAssertTrue(String(describing: error).contains("the warm-start generator of experiment tiny does not exist"))
        }
        try Data("one".utf8).write(to: folder.appendingPathComponent("vae.safetensors"))
        let first = try runner.plan(builder.stages(for: [config], through: .editors))
        try Data("two".utf8).write(to: folder.appendingPathComponent("vae.safetensors"))
        let second = try runner.plan(builder.stages(for: [config], through: .editors))
        XCTAssertEqual(first[0].key, second[0].key)
        XCTAssertEqual(first[1].key, second[1].key)
        XCTAssertNotEqual(first[2].key, second[2].key)
        XCTAssertNotEqual(first[3].key, second[3].key)
    }

    func testChangingATemplateChangesOnlyTheSiteKey() throws {
        let folder = try temporaryFolder()
        let builder = ExperimentStages(catalog: StageCatalog(), workingFolder: folder)
        let runner = makeRunner(root: folder.appendingPathComponent("runs"), journal: Journal())
        let before = try runner.plan(builder.stages(for: [try tiny()], through: .site)).map(\.key)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("<html>".utf8).write(to: folder.appendingPathComponent("templates/layout.html"))
        let after = try runner.plan(builder.stages(for: [try tiny()], through: .site)).map(\.key)
        XCTAssertEqual(Array(before.dropLast()), Array(after.dropLast()))
        XCTAssertNotEqual(before.last, after.last)
    }

    func testSessionRunsPublishesTheSiteAndReportsStatus() throws {
        let folder = try temporaryFolder()
        let journal = Journal()
        let clock = FakeClock()
        let session = PipelineSession(
            runsFolder: folder.appendingPathComponent("runs"), siteFolder: folder.appendingPathComponent("site"),
            workingFolder: folder, catalog: Self.fakeCatalog(journal),
            progress: ProgressReporter(mode: .quiet, clock: { clock.now }, sink: { journal.write($0) }), threads: 1)
        let config = try tiny()
        let missing = PipelineSession.formatStatus(try session.status([config]), relativeTo: folder)
        XCTAssertEqual(missing.split(separator: "\n").first, "tiny/data                missing")

        let summary = try session.run([config], through: .site)
        XCTAssertEqual(journal.ran.count, 9)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("site/index.html"), encoding: .utf8), "<h1>tiny</h1>")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/manifest.json").path))
        XCTAssertEqual(summary.site?.path, folder.appendingPathComponent("site").path)

        let status = try session.status([config])
        let lines = PipelineSession.formatStatus(status, relativeTo: folder).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 9)
        XCTAssertEqual(lines[0], "tiny/data                cached   \(ProgressFormat.bytes(ArtifactStore.size(of: status[0].folder)).padding(toLength: 10, withPad: " ", startingAt: 0))  runs/tiny/data-\(status[0].key.prefix(16))")

        let editor = try Manifest.read(from: status[4].folder)
        XCTAssertEqual(editor.stage, "tiny/editor-linear")
        XCTAssertEqual(editor.config["editor"]?["steps"], .number(2))
        XCTAssertEqual(editor.config["latent_dim"], .number(8))
        XCTAssertEqual(editor.inputs, ["tiny/generator": status[2].key])
        XCTAssertEqual(editor.files.map(\.path), ["out.txt"])

        var changed = config
        changed.render.latents = 2
        let stale = PipelineSession.formatStatus(try session.status([changed]), relativeTo: folder).split(separator: "\n")
        XCTAssertTrue(stale[7].hasPrefix("tiny/render              stale "), String(stale[7]))
        XCTAssertTrue(stale[7].hasSuffix("(config changed)"), String(stale[7]))
        XCTAssertTrue(stale[6].hasPrefix("tiny/evaluate            cached "))
        // The site's own config is the same: only its input changed.
        XCTAssertTrue(stale[8].hasPrefix("tiny/site                stale "), String(stale[8]))
        XCTAssertTrue(stale[8].hasSuffix("(input changed: tiny/render)"), String(stale[8]))
    }
}
