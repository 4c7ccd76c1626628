import Foundation

/// `manifest.json` of one artifact folder: what produced it and from what.
/// A stage whose manifest exists with the same inputs is skipped (DESIGN.md 1).
public struct Manifest: Codable, Sendable, Equatable {
    /// data | generator | editor | evaluate | render | site
    public var stage: String
    /// The config section that determines the artifact, verbatim.
    public var config: JSONValue
    /// Input artifact name -> its hash.
    public var inputHashes: [String: String]
    public var seed: Int
    public var codeVersion: String
    public var wallTimeSeconds: Double
    /// Files of the artifact, relative to its folder.
    public var files: [String]

    enum CodingKeys: String, CodingKey {
        case stage, config, inputHashes = "input_hashes", seed, codeVersion = "code_version"
        case wallTimeSeconds = "wall_time_s", files
    }
    public init(stage: String, config: JSONValue, inputHashes: [String: String], seed: Int,
                codeVersion: String, wallTimeSeconds: Double, files: [String]) {
        self.stage = stage; self.config = config; self.inputHashes = inputHashes; self.seed = seed
        self.codeVersion = codeVersion; self.wallTimeSeconds = wallTimeSeconds; self.files = files
    }
}

/// Any JSON value, for config sections whose shape the contract does not fix.
public enum JSONValue: Codable, Sendable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}
