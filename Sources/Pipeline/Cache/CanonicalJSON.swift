import Foundation

/// The canonical encoding hashed by the stage cache: JSON with sorted
/// snake_case keys, no whitespace, unescaped slashes. Two configs that mean
/// the same (a default written out or left implicit, keys in another order)
/// encode to the same bytes.
public enum CanonicalJSON {
    public static func encode(_ value: any Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            return try encoder.encode(value)
        } catch {
            throw PipelineError.writeFailed(path: "<canonical encoding>", reason: AtomicWrite.describe(error))
        }
    }

    public static func string(_ value: any Encodable) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}

/// Any JSON value, so a manifest can carry a stage's config section without
/// knowing its type.
public indirect enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value):
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// The canonical encoding of `value`, read back as a JSONValue.
    public init(encoding value: any Encodable) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: CanonicalJSON.encode(value))
    }

    public subscript(key: String) -> JSONValue? {
        if case let .object(members) = self { return members[key] }
        return nil
    }
}
