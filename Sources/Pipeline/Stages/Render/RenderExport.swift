import Foundation

/// After a run through `render`, publishes each experiment's render artifact as
/// `root/NAME/` of a results folder (artifact-contract layout). The default root,
/// RUNS-DIR/results, is where `curvilinear site` reads by default, so
/// `curvilinear render && curvilinear site` publishes what the pipeline rendered.
public enum RenderExport {
    public struct Exported: Sendable, Equatable {
        public var stage: String
        public var artifact: URL
        public var exported: URL
        public var figures: Int
    }

    /// The default results folder of a runs folder.
    public static func defaultRoot(runsFolder: URL) -> URL { runsFolder.appendingPathComponent("results", isDirectory: true) }

    /// Removes `RUNS-DIR/results/NAME/` if it was exported from the render artifact whose
    /// manifest is `render` (same stage, same inputs): a forced rebuild upstream removed
    /// that artifact, and `curvilinear site` must not publish its copy. Returns the folder.
    static func removeExport(ofRender render: Manifest, runsFolder: URL) -> URL? {
        guard render.stage.hasSuffix("/render") else { return nil }
        let folder = defaultRoot(runsFolder: runsFolder).appendingPathComponent(String(render.stage.dropLast("/render".count)))
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(Manifest.fileName)),
              let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              json["stage"] as? String == render.stage, json["input_hashes"] as? [String: String] == render.inputs,
              (try? FileManager.default.removeItem(at: folder)) != nil else { return nil }
        return folder
    }

    @discardableResult
    public static func export(_ summary: RunSummary, to root: URL) throws -> [Exported] {
        try summary.entries.filter { $0.stage.hasSuffix("/render") }.map { entry in
            let name = String(entry.stage.dropLast("/render".count))
            try SiteStage.export(renderArtifact: entry.folder, experiment: name, to: root)
            return Exported(stage: entry.stage, artifact: entry.folder, exported: root.appendingPathComponent(name),
                            figures: try RenderStage.figureCount(in: entry.folder))
        }
    }
}
