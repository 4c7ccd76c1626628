import ArtifactContract
import Foundation
import Site

/// The `site` stage (DESIGN.md section 8): gathers every experiment's render
/// artifact into a results folder of the artifact contract
///
///     NAME/results.json   the render artifact's (results with figures)
///     NAME/manifest.json  the render artifact's manifest, in the contract's form
///     NAME/figures/...
///
/// and builds the site from it with `templates/` and `content/` of the working
/// folder into the stage's artifact (published to site/ by `PipelineSession`).
/// Both folders are fingerprinted in `SiteSection`, so editing a template reruns
/// this stage only.
public enum SiteStage {
    public static func run(_ section: SiteSection, _ context: StageContext, _ out: URL, workingFolder: URL,
                           siteTitle: String = "Curvilinear") throws {
        let files = FileManager.default
        try FileFingerprint.verify(workingFolder.appendingPathComponent("templates"), planned: section.templates)
        try FileFingerprint.verify(workingFolder.appendingPathComponent("content"), planned: section.content)
        // One scratch folder named like every temporary (`.NAME.tmp-PID`), so the
        // next run removes it if this process is killed mid-build.
        let token = UUID().uuidString.prefix(8)
        let scratch = out.deletingLastPathComponent()
            .appendingPathComponent(AtomicWrite.temporaryName(for: "site-build-\(token)"))
        let results = scratch.appendingPathComponent("results"), built = scratch.appendingPathComponent("site")
        try files.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? files.removeItem(at: scratch) }
        try gather(section, context, into: results)
        let config = SiteConfig(results: results, output: built, templates: workingFolder.appendingPathComponent("templates"),
                                content: workingFolder.appendingPathComponent("content"), siteTitle: siteTitle)
        try SiteBuilder(config: config, log: { context.progress.log("\(context.stageName): \($0)") }).build()
        for name in try files.contentsOfDirectory(atPath: built.path) {
            try files.moveItem(at: built.appendingPathComponent(name), to: out.appendingPathComponent(name))
        }
    }

    /// Copies each experiment's render artifact into `folder/NAME/` (contract layout).
    public static func gather(_ section: SiteSection, _ context: StageContext, into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for experiment in section.experiments {
            try copy(renderArtifact: try context.input("\(experiment.name)/render"),
                     to: folder.appendingPathComponent(experiment.name, isDirectory: true))
        }
    }

    /// Publishes a render artifact as `root/NAME/` of a results folder (contract layout),
    /// replacing any previous `NAME/` atomically: what `curvilinear render` leaves in
    /// runs/results, where `curvilinear site` reads by default.
    public static func export(renderArtifact render: URL, experiment: String, to root: URL) throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try AtomicWrite.writeFolder(at: root.appendingPathComponent(experiment, isDirectory: true)) { temporary in
            try copy(renderArtifact: render, to: temporary)
        }
    }

    /// results.json, figures/ and the manifest (in the contract's form) of a render artifact into `target`.
    static func copy(renderArtifact render: URL, to target: URL) throws {
        let files = FileManager.default
        try files.createDirectory(at: target, withIntermediateDirectories: true)
        let results = render.appendingPathComponent(ResultsFolder.resultsFile)
        guard files.fileExists(atPath: results.path) else {
            throw RenderStageError.missingFile(path: results.path, hint: "the render artifact has no results.json; rerun with --force render")
        }
        do {
            try files.copyItem(at: results, to: target.appendingPathComponent(ResultsFolder.resultsFile))
            let figures = render.appendingPathComponent(ResultsFolder.figuresFolder)
            if files.fileExists(atPath: figures.path) {
                try files.copyItem(at: figures, to: target.appendingPathComponent(ResultsFolder.figuresFolder))
            }
        } catch {
            throw PipelineError.writeFailed(path: target.path, reason: AtomicWrite.describe(error))
        }
        try ArtifactJSON.write(try contractManifest(Manifest.read(from: render)),
                               to: target.appendingPathComponent(ResultsFolder.manifestFile))
    }

    /// The pipeline's manifest in the artifact contract's form (input names -> hashes, file paths).
    static func contractManifest(_ m: Manifest) throws -> ArtifactContract.Manifest {
        let config = try JSONDecoder().decode(ArtifactContract.JSONValue.self, from: JSONEncoder().encode(m.config))
        return ArtifactContract.Manifest(stage: m.stage, config: config, inputHashes: m.inputs, seed: m.seed,
                                         codeVersion: m.codeVersion, wallTimeSeconds: m.wallTimeSeconds,
                                         files: m.files.map(\.path))
    }
}
