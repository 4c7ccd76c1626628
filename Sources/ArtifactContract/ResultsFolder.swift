import Foundation

/// Errors reading or writing artifacts; one line naming the file and key path.
public enum ArtifactError: Error, CustomStringConvertible, Equatable {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case badJSON(path: String, keyPath: String, reason: String)
    case unsupportedSchema(path: String, found: Int)
    case nameMismatch(path: String, folder: String, experiment: String)
    case missingFigure(path: String, key: String, file: String)

    public var description: String {
        switch self {
        case .missing(let p): return "\(p): file not found; run the evaluate stage or check --results"
        case .unreadable(let p, let r): return "\(p): cannot read (\(r))"
        case .badJSON(let p, let k, let r): return "\(p): at \(k.isEmpty ? "<root>" : k): \(r)"
        case .unsupportedSchema(let p, let s):
            return "\(p): at schema: found \(s), this tool reads schema \(Results.currentSchema); regenerate the results"
        case .nameMismatch(let p, let f, let e):
            return "\(p): at experiment: \"\(e)\" does not match its folder \"\(f)\"; rename one of them"
        case .missingFigure(let p, let k, let f): return "\(p): at \(k): figure \"\(f)\" does not exist in the results folder"
        }
    }
}

/// A results folder: `DIR/NAME/results.json`, `DIR/NAME/manifest.json`,
/// `DIR/NAME/figures/...` (PNG and SVG figures named in results.json).
/// Folders without a results.json are ignored; names starting with "." or "_" too.
public struct ResultsFolder: Sendable {
    public let root: URL
    public init(root: URL) { self.root = root }

    public static let resultsFile = "results.json"
    public static let manifestFile = "manifest.json"
    public static let figuresFolder = "figures"

    public func experimentFolder(_ name: String) -> URL { root.appendingPathComponent(name, isDirectory: true) }
    public func resultsURL(_ name: String) -> URL { experimentFolder(name).appendingPathComponent(Self.resultsFile) }
    public func manifestURL(_ name: String) -> URL { experimentFolder(name).appendingPathComponent(Self.manifestFile) }

    /// Names of experiments present, sorted.
    public func experimentNames() throws -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw ArtifactError.missing(path: root.path)
        }
        let entries = try fm.contentsOfDirectory(atPath: root.path)
        return entries.filter { !$0.hasPrefix(".") && !$0.hasPrefix("_") }
            .filter { fm.fileExists(atPath: resultsURL($0).path) }
            .sorted()
    }

    /// Reads and validates `DIR/NAME/results.json`.
    public func results(_ name: String) throws -> Results {
        let url = resultsURL(name)
        let r = try ArtifactJSON.decode(Results.self, from: url)
        if r.schema != Results.currentSchema { throw ArtifactError.unsupportedSchema(path: url.path, found: r.schema) }
        if r.experiment != name { throw ArtifactError.nameMismatch(path: url.path, folder: name, experiment: r.experiment) }
        return r
    }

    /// Reads `DIR/NAME/manifest.json` if present.
    public func manifest(_ name: String) throws -> Manifest? {
        let url = manifestURL(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try ArtifactJSON.decode(Manifest.self, from: url)
    }
}

/// JSON coding shared by every artifact file.
public enum ArtifactJSON {
    public static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        guard FileManager.default.fileExists(atPath: url.path) else { throw ArtifactError.missing(path: url.path) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ArtifactError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try decode(type, from: data, path: url.path)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let e as DecodingError {
            throw describe(e, path: path)
        } catch {
            throw ArtifactError.unreadable(path: path, reason: "\(error)")
        }
    }

    /// Pretty, sorted, stable output (diffable across runs).
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(value)
    }

    /// Atomic write: a temporary file beside the target, then rename.
    public static func write<T: Encodable>(_ value: T, to url: URL) throws {
        try encode(value).write(to: url, options: .atomic)
    }

    static func keyPath(_ path: [CodingKey], last: CodingKey? = nil) -> String {
        var s = ""
        for k in path + (last.map { [$0] } ?? []) {
            if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
        }
        return s
    }

    static func describe(_ e: DecodingError, path: String) -> ArtifactError {
        switch e {
        case .keyNotFound(let key, let ctx):
            return .badJSON(path: path, keyPath: keyPath(ctx.codingPath, last: key), reason: "required key is missing")
        case .typeMismatch(let type, let ctx):
            return .badJSON(path: path, keyPath: keyPath(ctx.codingPath), reason: "expected \(type)")
        case .valueNotFound(let type, let ctx):
            return .badJSON(path: path, keyPath: keyPath(ctx.codingPath), reason: "expected \(type), found null")
        case .dataCorrupted(let ctx):
            let reason = ctx.codingPath.isEmpty ? "not valid JSON" : ctx.debugDescription
            return .badJSON(path: path, keyPath: keyPath(ctx.codingPath), reason: reason)
        @unknown default:
            return .badJSON(path: path, keyPath: "", reason: "\(e)")
        }
    }
}
