import Foundation

/// `manifest.json`, written last into every artifact folder: an artifact is
/// complete exactly when its manifest is present. Public contract (DESIGN.md
/// section 7): an engine elsewhere can write the same folder and manifest and
/// the pipeline will treat it as cached.
public struct Manifest: Codable, Sendable, Equatable {
    public struct File: Codable, Sendable, Equatable {
        public var path: String
        public var bytes: Int
    }

    /// Stage name, `experiment/stage` (e.g. `sprites/editor-linear`).
    public var stage: String
    /// Full SHA-256 key; the folder name carries its first 16 hex digits.
    public var hash: String
    public var formatVersion: Int
    /// The stage's config section in canonical form.
    public var config: JSONValue
    /// Input stage name -> its key.
    public var inputs: [String: String]
    public var seed: Int
    /// `git describe` of the code that wrote it, else the package version.
    /// Recorded, not hashed: a new commit does not invalidate the cache.
    public var codeVersion: String
    /// Threads of the numeric work. Recorded, not hashed: the floats depend on it (two
    /// threads split some sums differently from one), so reproducing an artifact bit for
    /// bit takes the same code version, seed, thread count and BLAS kernel set (below). Nil
    /// when written elsewhere.
    public var threads: Int?
    /// OpenBLAS's kernel set (`BLAS.coreName`, e.g. `Haswell`). Recorded, not hashed, for
    /// the same reason: another kernel set rounds the products differently. Nil when
    /// written elsewhere or before it was recorded.
    public var blasCore: String? = nil
    public var wallTimeSeconds: Double
    public var created: String
    /// Every file of the artifact except the manifest, sorted by path.
    public var files: [File]

    public static let fileName = "manifest.json"

    public static func read(from folder: URL) throws -> Manifest {
        let url = folder.appendingPathComponent(fileName)
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Manifest.self, from: Data(contentsOf: url))
        } catch {
            throw PipelineError.readFailed(path: url.path, reason: AtomicWrite.describe(error))
        }
    }

    public func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(self)
        try AtomicWrite.write(data + Data("\n".utf8), to: folder.appendingPathComponent(Self.fileName))
    }

    /// Files under `folder` (recursively, relative paths) with their sizes.
    public static func listFiles(in folder: URL) -> [File] {
        let files = FileManager.default
        guard let walker = files.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey]) else {
            return []
        }
        let base = folder.standardizedFileURL.path
        var result: [File] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values?.isRegularFile == true else { continue }
            var path = url.standardizedFileURL.path
            if path.hasPrefix(base + "/") { path.removeFirst(base.count + 1) }
            if path == fileName { continue }
            result.append(File(path: path, bytes: values?.fileSize ?? 0))
        }
        return result.sorted { $0.path < $1.path }
    }
}
