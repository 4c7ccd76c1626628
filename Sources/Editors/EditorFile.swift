import Foundation
import NN
import Tensor

/// An editor as one safetensors file: its state_dict, and in `__metadata__`
/// its `architecture` (type and sizes) plus whatever the caller adds (kind,
/// name). `load` rebuilds the right type from the metadata, so readers need
/// not know which editor a file holds.
public enum EditorFile {
    public static func save(_ editor: any LatentEditor, to url: URL, metadata: [String: String] = [:]) throws {
        try editor.save(to: url, metadata: metadata.merging(editor.architecture) { _, own in own })
    }

    /// The editor in `url` and the file's metadata.
    public static func load(from url: URL) throws -> (editor: any LatentEditor, metadata: [String: String]) {
        let file = try SafetensorsFile.read(from: url)
        let m = file.metadata
        func size(_ key: String) throws -> Int {
            guard let text = m[key], let value = Int(text), value >= 1 else {
                throw EditorError.checkpointMismatch(file: url.path, reason: "metadata '\(key)' is missing or not a positive count")
            }
            return value
        }
        let d = try size("latent_dim"), k = try size("directions")
        var rng = RNG(seed: 0)      // the initial values are replaced by the file's
        let editor: any LatentEditor
        switch m["type"] {
        case "linear":
            editor = LinearEditor(latentDim: d, directions: k, rng: &rng)
        case "warped":
            editor = WarpedEditor(latentDim: d, directions: k, dipoles: try size("dipoles"), rng: &rng)
        case "curvilinear":
            guard k <= d, d >= 2 else {
                throw EditorError.checkpointMismatch(file: url.path, reason: "\(k) directions for a \(d)-dimensional flow")
            }
            editor = CurvilinearEditor(latentDim: d, directions: k, layers: try size("layers"), hidden: try size("hidden"), rng: &rng)
        case "closed_form":
            editor = ClosedFormEditor(method: m["method"] ?? "closed_form",
                                      vectors: [[Double]](repeating: [Double](repeating: 1, count: d), count: k),
                                      scores: [Double](repeating: 0, count: k), latentDim: d)
        default:
            throw EditorError.checkpointMismatch(file: url.path, reason: "metadata 'type' is \(m["type"] ?? "missing"); "
                                                 + "expected linear, warped, curvilinear or closed_form")
        }
        try editor.load(file, file: url.path)
        return (editor, m)
    }
}
