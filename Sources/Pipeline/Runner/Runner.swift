import Foundation
import Tensor

/// Runs a list of stages through the artifact cache: orders them by their
/// inputs, computes every key up front, skips stages whose artifact is
/// complete, runs the rest in order and prints `[i/n] stage ... cached` or
/// `[i/n] stage done in X s`.
///
/// `--force` reruns the named stages and every stage downstream of them, and
/// replaces their artifacts in place. Keys depend on inputs' keys, not their
/// content, so a forced stage keeps its key: without the downstream rerun, a
/// forced evaluation would leave the render and the site showing the old
/// numbers under the same keys. Dependents outside this run's plan (the render
/// of `evaluate --force evaluate`) are removed from runs/, so the next run
/// rebuilds them instead of serving them.
public struct Runner {
    public let store: ArtifactStore
    public let progress: ProgressReporter
    public let threads: Int
    public let codeVersion: String
    /// Handed to every stage (`StageContext.workingFolder`).
    public let workingFolder: URL

    public init(store: ArtifactStore, progress: ProgressReporter,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                codeVersion: String = CodeVersion.current,
                workingFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.store = store
        self.progress = progress
        self.threads = threads
        self.codeVersion = codeVersion
        self.workingFolder = workingFolder
    }

    /// The stages in run order, each with its key, folder and cache state.
    public func plan(_ stages: [any Stage]) throws -> [PlannedStage] {
        let ordered = try Self.order(stages)
        var keys: [String: String] = [:]
        return try ordered.map { stage in
            let key = try ArtifactStore.key(stage: stage, inputKeys: keys)
            keys[stage.name] = key
            let folder = store.folder(stage: stage.name, key: key)
            let state: PlannedStage.State
            if store.isComplete(folder) {
                if let damage = store.damage(of: folder, key: key) {
                    state = .damaged(reason: damage)
                } else {
                    state = .cached(bytes: ArtifactStore.size(of: folder))
                }
            } else if let stale = store.staleArtifacts(stage: stage.name, key: key).first {
                state = .stale(previous: stale)
            } else {
                state = .missing
            }
            let inputKeys = Dictionary(uniqueKeysWithValues: stage.inputs.map { ($0, keys[$0] ?? "") })
            return PlannedStage(stage: stage, key: key, folder: folder, inputKeys: inputKeys, state: state)
        }
    }

    /// Runs what is not cached (plus `force`d stages). A stage that throws
    /// leaves no artifact; the error names it.
    @discardableResult
    public func run(_ stages: [any Stage], force: [String] = []) throws -> RunSummary {
        try FileManager.default.createDirectory(at: store.root, withIntermediateDirectories: true)
        for name in store.removeAbandonedTemporaries() {
            progress.log("removed the unfinished artifact \(name) of an interrupted run")
        }
        let planned = try plan(stages)
        let stages = planned.map(\.stage)
        let forced = Self.downstream(of: try Self.match(force, in: stages), in: stages)
        let toRun = planned.filter { forced.contains($0.stage.name) || !$0.isCached }
        if let blocked = toRun.first(where: { $0.stage.availability != .available }),
           case let .notYet(module) = blocked.stage.availability {
            throw PipelineError.stageNotAvailable(stage: blocked.stage.name, module: module)
        }
        var summary = RunSummary()
        let start = progress.now
        var folders: [String: URL] = [:]
        for (index, item) in planned.enumerated() {
            let tag = "[\(index + 1)/\(planned.count)] \(item.stage.name)"
            folders[item.stage.name] = item.folder
            guard forced.contains(item.stage.name) || !item.isCached else {
                progress.log("\(tag) ... cached")
                summary.entries.append(.init(stage: item.stage.name, outcome: .cached, seconds: 0, folder: item.folder))
                continue
            }
            if case let .damaged(reason) = item.state {
                progress.log("\(tag): the cached artifact is damaged (\(reason)); rebuilding it")
            }
            progress.log("\(tag) ...")
            // Every stage's numeric work runs on the recorded thread count: a stage that does
            // not set it itself would otherwise run on OpenBLAS's default, every core.
            BLAS.setThreads(threads)
            let began = progress.now
            let inputs = Dictionary(uniqueKeysWithValues: item.stage.inputs.map { ($0, folders[$0]!) })
            let context = StageContext(stageName: item.stage.name, seed: item.stage.seed, inputs: inputs,
                                       progress: progress, threads: threads, workingFolder: workingFolder)
            do {
                _ = try store.write(stage: item.stage.name, key: item.key, manifest: { folder in
                    try manifest(for: item, folder: folder, seconds: progress.now - began)
                }) { folder in
                    try item.stage.run(context, outputDir: folder)
                }
            } catch let error as PipelineError {
                if case .stageNotAvailable = error { throw error }
                if case .stageFailed = error { throw error }
                throw PipelineError.stageFailed(stage: item.stage.name, reason: error.description)
            } catch {
                throw PipelineError.stageFailed(stage: item.stage.name, reason: AtomicWrite.describe(error))
            }
            let seconds = progress.now - began
            if forced.contains(item.stage.name), item.isCached {
                let planned = Set(planned.map { $0.folder.standardizedFileURL.path })
                for folder in store.removeDependents(of: item.stage.name, key: item.key, keepingFolders: planned) {
                    progress.log("removed \(folder.path): it was built on the \(item.stage.name) that --force replaced; "
                        + "the next run rebuilds it")
                }
            }
            progress.log("\(tag) done in \(ProgressFormat.seconds(seconds))")
            summary.entries.append(.init(stage: item.stage.name, outcome: forced.contains(item.stage.name) ? .forced : .ran,
                                         seconds: seconds, folder: item.folder))
        }
        summary.totalSeconds = progress.now - start
        return summary
    }

    func manifest(for item: PlannedStage, folder: URL, seconds: Double) throws -> Manifest {
        let formatter = ISO8601DateFormatter()
        return Manifest(stage: item.stage.name, hash: item.key, formatVersion: item.stage.formatVersion,
                        config: try JSONValue(encoding: item.stage.configSection), inputs: item.inputKeys,
                        seed: item.stage.seed, codeVersion: codeVersion, threads: threads, blasCore: BLAS.coreName,
                        wallTimeSeconds: seconds,
                        created: formatter.string(from: Date()), files: Manifest.listFiles(in: folder))
    }

    /// Stable topological order: each stage after its inputs, otherwise as given.
    static func order(_ stages: [any Stage]) throws -> [any Stage] {
        var byName: [String: any Stage] = [:]
        for stage in stages {
            guard byName[stage.name] == nil else { throw PipelineError.duplicateStage(name: stage.name) }
            byName[stage.name] = stage
        }
        var done: Set<String> = [], visiting: Set<String> = [], result: [any Stage] = []
        func visit(_ stage: any Stage) throws {
            if done.contains(stage.name) { return }
            guard visiting.insert(stage.name).inserted else {
                throw PipelineError.missingInput(stage: stage.name, input: "itself (a cycle)")
            }
            for input in stage.inputs {
                guard let dependency = byName[input] else { throw PipelineError.missingInput(stage: stage.name, input: input) }
                try visit(dependency)
            }
            visiting.remove(stage.name)
            done.insert(stage.name)
            result.append(stage)
        }
        for stage in stages { try visit(stage) }
        return result
    }

    /// `names` and every stage that reads one of them, directly or through other stages
    /// (`stages` in run order).
    static func downstream(of names: Set<String>, in stages: [any Stage]) -> Set<String> {
        var result = names
        for stage in stages where stage.inputs.contains(where: result.contains) { result.insert(stage.name) }
        return result
    }

    /// Stage names selected by `--force` values: a full name
    /// (`sprites/editor-linear`), a local name (`editor-linear`) or a kind
    /// (`editor`, every editor).
    static func match(_ patterns: [String], in stages: [any Stage]) throws -> Set<String> {
        var selected: Set<String> = []
        for pattern in patterns {
            let hits = stages.filter { $0.name == pattern || $0.localName == pattern || $0.kind == pattern }
            guard !hits.isEmpty else {
                var known = Set(stages.map(\.localName))
                known.formUnion(stages.map(\.kind))
                throw PipelineError.unknownStage(name: pattern, known: known.sorted())
            }
            selected.formUnion(hits.map(\.name))
        }
        return selected
    }
}

/// A stage with its key and cache state, before anything runs.
public struct PlannedStage {
    public enum State: Equatable {
        case cached(bytes: Int)
        /// No artifact with this key, but one of the same stage with another
        /// key (an older config or older inputs) exists; `status` says which
        /// part of the key changed (`StaleReason`).
        case stale(previous: URL)
        case missing
        /// A manifest is there, but the folder does not hold what it lists (an interrupted
        /// copy of runs/) or it names another key: rebuilt in place, never served.
        case damaged(reason: String)
    }

    public let stage: any Stage
    public let key: String
    public let folder: URL
    public let inputKeys: [String: String]
    public let state: State

    public var isCached: Bool {
        if case .cached = state { return true }
        return false
    }
}
