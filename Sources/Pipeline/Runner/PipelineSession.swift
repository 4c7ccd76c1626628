import AtomicFile
import Foundation
import Site
import Tensor

/// One invocation of the pipeline: where things are, which work is wired,
/// and how to report. The CLI commands are thin wrappers around it.
public struct PipelineSession {
    public var runsFolder: URL
    public var siteFolder: URL
    public var workingFolder: URL
    public var catalog: StageCatalog
    public var progress: ProgressReporter
    public var threads: Int

    public init(runsFolder: URL, siteFolder: URL, workingFolder: URL, catalog: StageCatalog,
                progress: ProgressReporter, threads: Int) {
        self.runsFolder = runsFolder
        self.siteFolder = siteFolder
        self.workingFolder = workingFolder
        self.catalog = catalog
        self.progress = progress
        self.threads = threads
        // The commands that train or measure outside the runner (train-gan, eval-gan, ...)
        // run on this count too. OpenBLAS read OPENBLAS_NUM_THREADS when it loaded, before
        // any option was parsed, so the count is set here rather than in the environment.
        BLAS.setThreads(threads)
    }

    var runner: Runner {
        Runner(store: ArtifactStore(root: runsFolder), progress: progress, threads: threads, workingFolder: workingFolder)
    }

    public func stages(_ experiments: [ExperimentConfig], through target: StageTarget,
                       editorNames: [String]? = nil) throws -> [any Stage] {
        try ExperimentStages(catalog: catalog, workingFolder: workingFolder)
            .stages(for: experiments, through: target, editorNames: editorNames)
    }

    /// Runs the experiments up to `target`; with `.site`, also exports every
    /// render artifact to RUNS-DIR/results (as `curvilinear render` does, so
    /// `curvilinear site` with no arguments rebuilds the same site) and
    /// publishes the site artifact to `siteFolder`.
    public func run(_ experiments: [ExperimentConfig], through target: StageTarget,
                    editorNames: [String]? = nil, force: [String] = []) throws -> RunSummary {
        let stages = try stages(experiments, through: target, editorNames: editorNames)
        if target == .site { SitePublisher.recover(siteFolder, log: progress.log) }
        var summary = try runner.run(stages, force: force)
        if target == .site, let site = summary.entries.last(where: { $0.stage.hasSuffix("site") }) {
            // Render artifacts without results.json (a catalog other than the standard one)
            // have nothing the site command could read, so they are not exported.
            var exported = summary
            exported.entries = summary.entries.filter {
                FileManager.default.fileExists(atPath: $0.folder.appendingPathComponent("results.json").path)
            }
            try RenderExport.export(exported, to: RenderExport.defaultRoot(runsFolder: runsFolder))
            try SitePublisher.publish(artifact: site.folder, to: siteFolder)
            summary.site = siteFolder
        }
        return summary
    }

    /// Every stage of the experiments (through the site) with its cache state.
    public func status(_ experiments: [ExperimentConfig]) throws -> [PlannedStage] {
        try runner.plan(stages(experiments, through: .site))
    }

    /// The status table: one stage a line, `cached`, `stale`, `missing` or `damaged`, with sizes.
    /// A cached artifact made by other code than `codeVersion` says which: the code version
    /// is recorded, not hashed, so a new commit serves the old artifacts unless a stage's
    /// format version changed.
    public static func formatStatus(_ planned: [PlannedStage], relativeTo base: URL?,
                                    codeVersion: String = CodeVersion.current) -> String {
        let width = planned.map(\.stage.name.count).max() ?? 0
        return planned.map { item in
            let name = item.stage.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let folder = RunSummary.show(item.folder, relativeTo: base)
            switch item.state {
            case let .cached(bytes):
                let made = (try? Manifest.read(from: item.folder)).map(\.codeVersion).flatMap { $0 == codeVersion ? nil : $0 }
                return "\(name)  cached   \(ProgressFormat.bytes(bytes).padding(toLength: 10, withPad: " ", startingAt: 0))  \(folder)"
                    + (made.map { " (made by code \($0))" } ?? "")
            case let .stale(previous):
                let size = ProgressFormat.bytes(ArtifactStore.size(of: previous)).padding(toLength: 10, withPad: " ", startingAt: 0)
                let reasons = StaleReason.describe(previous: previous, stage: item.stage, inputKeys: item.inputKeys)
                return "\(name)  stale    \(size)  \(RunSummary.show(previous, relativeTo: base)) (\(reasons.joined(separator: "; ")))"
            case .missing:
                return "\(name)  missing"
            case let .damaged(reason):
                return "\(name)  damaged  \("".padding(toLength: 10, withPad: " ", startingAt: 0))  \(folder) (\(reason); the next run rebuilds it)"
            }
        }.joined(separator: "\n")
    }
}

/// Copies a site artifact to the output folder (site/), atomically: the old
/// site stays in place until the new one is complete.
public enum SitePublisher {
    /// Cleans what an interrupted publish left beside the site folder: the
    /// half-copied `.site.tmp-PID` and the previous site moved aside as
    /// `.site.old.tmp-PID` (put back if the new one never arrived). Only names
    /// of dead processes are touched.
    public static func recover(_ site: URL, log: (String) -> Void = { _ in }) {
        let parent = site.deletingLastPathComponent(), files = FileManager.default
        let name = site.lastPathComponent
        guard let names = try? files.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in names.sorted() {
            guard entry.hasPrefix(".\(name).tmp-") || entry.hasPrefix(".\(name).old.tmp-"),
                  let pid = AtomicFile.ownerPID(ofTemporaryName: entry), !AtomicFile.processIsAlive(pid) else { continue }
            let url = parent.appendingPathComponent(entry)
            if entry.hasPrefix(".\(name).old.tmp-"), !files.fileExists(atPath: site.path) {
                if rename(url.path, site.path) == 0 { log("restored the previous site of an interrupted run"); continue }
            }
            if (try? files.removeItem(at: url)) != nil { log("removed \(entry), left by an interrupted run") }
        }
    }

    public static func publish(artifact: URL, to site: URL) throws {
        if let problem = SiteFolder.problem(replacing: site) { throw PipelineError.notASiteFolder(path: site.path, reason: problem) }
        try AtomicWrite.writeFolder(at: site) { temporary in
            let files = FileManager.default
            for name in try files.contentsOfDirectory(atPath: artifact.path) where name != Manifest.fileName {
                try files.copyItem(at: artifact.appendingPathComponent(name), to: temporary.appendingPathComponent(name))
            }
        }
    }
}
