import Foundation

/// One step of the pipeline: data, generator, one editor, evaluate, render
/// or site. A stage is a value that says what determines its artifact
/// (config section, inputs, format version, seed) and how to build it.
/// The runner hashes the first four into the artifact's key and calls
/// `run` only when no complete artifact with that key exists.
///
/// A stage writes everything into `outputDir`, a fresh temporary folder;
/// the runner adds `manifest.json` and renames the folder into place when
/// `run` returns. If `run` throws, the folder is deleted.
public protocol Stage: Sendable {
    /// Unique within a plan: `experiment/stage` (`sprites/editor-linear`)
    /// or a bare name for stages shared by experiments (`site`). It is also
    /// the artifact's path under runs/: `runs/sprites/editor-linear-<hash>`.
    var name: String { get }
    /// Names of the stages whose artifacts `run` reads.
    var inputs: [String] { get }
    /// Everything in the config that determines the artifact; hashed in its
    /// canonical encoding (`CanonicalJSON`).
    var configSection: any Encodable & Sendable { get }
    /// Bump when the artifact's files change meaning, to invalidate old ones.
    var formatVersion: Int { get }
    var seed: Int { get }
    /// `.notYet(module:)` while the module that does the work has not landed.
    var availability: StageAvailability { get }

    func run(_ context: StageContext, outputDir: URL) throws
}

public enum StageAvailability: Sendable, Equatable {
    case available
    case notYet(module: String)
}

extension Stage {
    public var formatVersion: Int { 1 }
    public var seed: Int { 0 }
    public var availability: StageAvailability { .available }

    /// `editor-linear` of `sprites/editor-linear`.
    public var localName: String { String(name.split(separator: "/").last ?? Substring(name)) }
    /// `editor` of `sprites/editor-linear`: what `--force editor` matches.
    public var kind: String { String(localName.split(separator: "-").first ?? Substring(localName)) }
    /// `sprites` of `sprites/editor-linear`, nil for shared stages.
    public var experiment: String? {
        let parts = name.split(separator: "/")
        return parts.count > 1 ? String(parts[0]) : nil
    }
}

/// What a running stage may use.
public struct StageContext: Sendable {
    public let stageName: String
    public let seed: Int
    /// Input stage name -> its complete artifact folder.
    public let inputs: [String: URL]
    public let progress: ProgressReporter
    public let threads: Int
    /// The folder the stages were planned in, where relative paths and the shipped files
    /// (models/, templates/, content/) resolve: the same folder whose files the plan hashed.
    public let workingFolder: URL

    public init(stageName: String, seed: Int, inputs: [String: URL], progress: ProgressReporter, threads: Int,
                workingFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.stageName = stageName
        self.seed = seed
        self.inputs = inputs
        self.progress = progress
        self.threads = threads
        self.workingFolder = workingFolder
    }

    /// A progress task labelled with this stage's name.
    public func task(total: Int) -> ProgressTask { progress.task(stageName, total: total) }

    /// The artifact folder of input `name` (`sprites/generator`, or just
    /// `generator` for a stage of the same experiment).
    public func input(_ name: String) throws -> URL {
        if let url = inputs[name] { return url }
        let matches = inputs.filter { $0.key.hasSuffix("/" + name) }
        if matches.count == 1, let url = matches.first?.value { return url }
        throw PipelineError.missingInput(stage: stageName, input: name)
    }
}
