import Foundation

/// The experiment configs of a folder (content/experiments/*.yaml).
public struct ExperimentLibrary: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// Names of the `*.yaml` files, sorted.
    public func names() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// `name` of a config in the folder, or a path to any `.yaml` file.
    public func load(_ name: String) throws -> ExperimentConfig {
        if name.hasSuffix(".yaml") || name.contains("/") {
            return try ConfigLoader.load(URL(fileURLWithPath: name))
        }
        let url = folder.appendingPathComponent(name + ".yaml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw PipelineError.experimentNotFound(name: name, folder: folder.path, available: names())
        }
        return try ConfigLoader.load(url)
    }

    public func loadAll() throws -> [ExperimentConfig] {
        let names = names()
        guard !names.isEmpty else { throw PipelineError.noExperiments(folder: folder.path) }
        let configs = try names.map(load)
        var seen: Set<String> = []
        for config in configs where !seen.insert(config.name).inserted {
            throw PipelineError.duplicateStage(name: "\(config.name) (two configs share this `name:`)")
        }
        return configs
    }
}
