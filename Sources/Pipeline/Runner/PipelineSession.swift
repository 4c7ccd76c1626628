import Foundation

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
    }

    var runner: Runner {
        Runner(store: ArtifactStore(root: runsFolder), progress: progress, threads: threads)
    }

    public func stages(_ experiments: [ExperimentConfig], through target: StageTarget,
                       editorNames: [String]? = nil) throws -> [any Stage] {
        try ExperimentStages(catalog: catalog, workingFolder: workingFolder)
            .stages(for: experiments, through: target, editorNames: editorNames)
    }

    /// Runs the experiments up to `target`; with `.site`, also publishes the
    /// site artifact to `siteFolder`.
    public func run(_ experiments: [ExperimentConfig], through target: StageTarget,
                    editorNames: [String]? = nil, force: [String] = []) throws -> RunSummary {
        let stages = try stages(experiments, through: target, editorNames: editorNames)
        var summary = try runner.run(stages, force: force)
        if target == .site, let site = summary.entries.last(where: { $0.stage.hasSuffix("site") }) {
            try SitePublisher.publish(artifact: site.folder, to: siteFolder)
            summary.site = siteFolder
        }
        return summary
    }

    /// Every stage of the experiments (through the site) with its cache state.
    public func status(_ experiments: [ExperimentConfig]) throws -> [PlannedStage] {
        try runner.plan(stages(experiments, through: .site))
    }

    /// The status table: one stage a line, `cached`, `stale` or `missing`, with sizes.
    public static func formatStatus(_ planned: [PlannedStage], relativeTo base: URL?) -> String {
        let width = planned.map(\.stage.name.count).max() ?? 0
        return planned.map { item in
            let name = item.stage.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let folder = RunSummary.show(item.folder, relativeTo: base)
            switch item.state {
            case let .cached(bytes):
                return "\(name)  cached   \(ProgressFormat.bytes(bytes).padding(toLength: 10, withPad: " ", startingAt: 0))  \(folder)"
            case let .stale(previous):
                let size = ProgressFormat.bytes(ArtifactStore.size(of: previous)).padding(toLength: 10, withPad: " ", startingAt: 0)
                return "\(name)  stale    \(size)  \(RunSummary.show(previous, relativeTo: base)) (config changed)"
            case .missing:
                return "\(name)  missing"
            }
        }.joined(separator: "\n")
    }
}

/// Copies a site artifact to the output folder (site/), atomically: the old
/// site stays in place until the new one is complete.
public enum SitePublisher {
    public static func publish(artifact: URL, to site: URL) throws {
        try AtomicWrite.writeFolder(at: site) { temporary in
            let files = FileManager.default
            for name in try files.contentsOfDirectory(atPath: artifact.path) where name != Manifest.fileName {
                try files.copyItem(at: artifact.appendingPathComponent(name), to: temporary.appendingPathComponent(name))
            }
        }
    }
}
