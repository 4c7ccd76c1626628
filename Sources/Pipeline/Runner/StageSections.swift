import Datasets
import Foundation

// The config section each standard stage hashes and receives. A stage's
// work sees only its section and its inputs' folders, so whatever it reads
// is in its key and the cache cannot serve a stale artifact.

/// `data`: the dataset, plus fingerprints of any files it reads.
public struct DataSection: Codable, Sendable, Equatable {
    public var dataset: DatasetConfig
    /// Path -> `FileFingerprint` of `images` and `labels` when given.
    public var files: [String: String]
}

/// `identity`: the dataset's identity classifier, and the SHA-256 of the shipped copy
/// in `models/identity` that the stage copies (nil: trained by the stage).
public struct IdentitySection: Codable, Sendable, Equatable {
    public var dataset: DatasetConfig
    public var classifier: String
    public var shippedSHA256: String?
}

/// `generator`: architecture and training budget, or the checkpoint and its SHA-256;
/// when training starts from a warm-start file (`train.init`), that file's SHA-256.
public struct GeneratorSection: Codable, Sendable, Equatable {
    public var generator: GeneratorConfig
    public var checkpointSHA256: String?
    /// Omitted from the key when nil, so configs without `init` keep their keys.
    public var initSHA256: String? = nil
}

/// `quality`: the generator's quality figures (quality.json), measured against the
/// identity classifier: a stage of its own so that a new classifier or sample count
/// re-measures the generator without retraining what is built on its weights.
public struct QualitySection: Codable, Sendable, Equatable {
    /// Generated and real images; nil at `Defaults.qualitySamples`.
    public var samples: Int?
}

/// `editor-NAME`: one editor; the generator is its input.
public struct EditorSection: Codable, Sendable, Equatable {
    public var editor: EditorConfig
    public var latentDim: Int
}

/// `evaluate`: the protocol, which editors to compare (the input names
/// `editor-NAME`) and the attributes their measurers provide.
public struct EvaluateSection: Codable, Sendable, Equatable {
    public var evaluation: EvaluationConfig
    public var measurers: Measurers
    public var editors: [EditorConfig]
    /// The experiment's `title:`, written into results.json (the site's headings).
    /// Optional so sections built without it keep their key and decode.
    public var title: String? = nil
}

/// `render`: figure sizes and the editors drawn.
public struct RenderSection: Codable, Sendable, Equatable {
    public var render: RenderConfig
    public var attributes: [String]
    public var editors: [String]
}

/// `site`: the experiments published, and fingerprints of the templates
/// and content folders, so editing a template re-runs this stage only.
public struct SiteSection: Codable, Sendable, Equatable {
    public struct Experiment: Codable, Sendable, Equatable {
        public var name: String
        public var title: String
    }

    public var experiments: [Experiment]
    public var templates: String
    public var content: String
}

/// A cheap fingerprint of a file or folder for cache keys: SHA-256 of every
/// regular file's relative path and content, in path order. A missing path
/// fingerprints as `missing`, so creating it later changes the key.
public enum FileFingerprint {
    /// Stops a stage whose input file or folder changed between planning (when its
    /// fingerprint entered the key) and running: its artifact would be stored under the
    /// key of content it never read, and served if the file were later put back.
    public static func verify(_ url: URL, planned: String) throws {
        guard try of(url) == planned else {
            throw PipelineError.readFailed(path: url.path, reason: "changed since the stage was planned; rerun the command")
        }
    }

    public static func of(_ url: URL) throws -> String {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        guard files.fileExists(atPath: url.path, isDirectory: &isFolder) else { return "missing" }
        guard isFolder.boolValue else { return try SHA256.hash(fileAt: url) }
        var listing = ""
        for file in Manifest.listFiles(in: url) where !file.path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            listing += "\(file.path) \(try SHA256.hash(fileAt: url.appendingPathComponent(file.path)))\n"
        }
        return SHA256.hash(listing)
    }
}
