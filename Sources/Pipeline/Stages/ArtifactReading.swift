import Foundation

/// Tolerant readers of other stages' JSON files (snake_case, written by
/// `GeneratorArtifact.writeJSON`), by key, so the evaluate stage depends on the
/// documented file contents rather than on each stage's Swift types.
enum ArtifactReading {
    static func object(_ url: URL) -> [String: Any]? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// `attributes[].key -> attributes[].<key>` of a JSON file; nil if the file is absent.
    static func attributeStds(_ url: URL, key: String = "std") throws -> [String: Double]? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let root = object(url), let list = root["attributes"] as? [[String: Any]] else {
            throw PipelineError.readFailed(path: url.path, reason: "no `attributes` list; rerun the stage that wrote it")
        }
        var out: [String: Double] = [:]
        for a in list { if let k = a["key"] as? String, let v = a[key] as? Double { out[k] = v } }
        return out
    }

    /// The `dataset` of the data artifact's dataset.json.
    static func datasetConfig(_ url: URL) -> DatasetConfig? {
        guard let data = try? Data(contentsOf: url),
              let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let dataset = root["dataset"], let encoded = try? JSONSerialization.data(withJSONObject: dataset) else { return nil }
        return try? JSONDecoder().decode(DatasetConfig.self, from: encoded)
    }
}
