import Yams

/// Reads one YAML mapping of an experiment config with its location, so
/// every error names file, line and key path. Typed getters apply the
/// default when a key is absent and check type and range when present;
/// `finish()` rejects keys nobody asked for (with a "did you mean").
struct ConfigReader {
    let file: String
    let path: String
    let node: Node
    private let pairs: [(key: String, value: Node, line: Int?)]
    private var consumed: Set<String> = []

    init(file: String, path: String, node: Node) throws {
        self.file = file
        self.path = path
        self.node = node
        guard let mapping = node.mapping else {
            throw ConfigError(file: file, line: node.mark?.line, keyPath: path,
                              message: "expected a mapping of keys, got \(ConfigReader.describe(node))")
        }
        var pairs: [(String, Node, Int?)] = []
        var seen: Set<String> = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw ConfigError(file: file, line: key.mark?.line, keyPath: path, message: "keys must be plain names")
            }
            if !seen.insert(name).inserted {
                throw ConfigError(file: file, line: key.mark?.line, keyPath: Self.join(path, name),
                                  message: "key given twice; keep one")
            }
            pairs.append((name, value, key.mark?.line))
        }
        self.pairs = pairs
    }

    var line: Int? { node.mark?.line }

    func keyPath(_ key: String) -> String { Self.join(path, key) }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// The raw node of `key`, marking it read.
    mutating func value(_ key: String) -> Node? {
        consumed.insert(key)
        return pairs.first { $0.key == key }?.value
    }

    func error(_ key: String, _ message: String) -> ConfigError {
        let node = pairs.first { $0.key == key }
        return ConfigError(file: file, line: node?.value.mark?.line ?? node?.line ?? line,
                           keyPath: keyPath(key), message: message)
    }

    mutating func string(_ key: String, default fallback: String) throws -> String {
        try optionalString(key) ?? fallback
    }

    mutating func optionalString(_ key: String) throws -> String? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar, node.null == nil else {
            throw error(key, "expected a string, got \(Self.describe(node))")
        }
        return scalar.string
    }

    /// A string that must be one of `allowed`.
    mutating func choice(_ key: String, default fallback: String?, allowed: [String]) throws -> String {
        guard let value = try optionalString(key) else {
            if let fallback { return fallback }
            throw ConfigError(file: file, line: line, keyPath: keyPath(key),
                              message: "required key is missing; allowed values: \(allowed.joined(separator: " | "))")
        }
        guard allowed.contains(value) else {
            let hint = Suggest.closest(to: value, in: allowed).map { "did you mean '\($0)'? " } ?? ""
            throw error(key, "unknown value '\(value)'; \(hint)allowed: \(allowed.joined(separator: " | "))")
        }
        return value
    }

    mutating func int(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let node = value(key) else { return fallback }
        guard let value = node.scalar.flatMap({ _ in node.int }) else {
            throw error(key, "expected an integer in \(range.lowerBound)...\(range.upperBound), got \(Self.describe(node))")
        }
        guard range.contains(value) else {
            throw error(key, "\(value) is out of range; allowed: \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// An integer in `range`, or nil when the key is absent.
    mutating func optionalInt(_ key: String, range: ClosedRange<Int>) throws -> Int? {
        value(key) == nil ? nil : try int(key, default: range.lowerBound, range: range)
    }

    /// A number in `range`; `open` excludes the lower bound (for rates and strengths that must be > 0).
    mutating func double(_ key: String, default fallback: Double, range: ClosedRange<Double>,
                         lowerOpen: Bool = false) throws -> Double {
        let shown = "\(lowerOpen ? "(" : "[")\(Self.format(range.lowerBound)), \(Self.format(range.upperBound))]"
        guard let node = value(key) else { return fallback }
        guard let value = node.scalar.flatMap({ _ in node.float ?? node.int.map(Double.init) }), value.isFinite else {
            throw error(key, "expected a number in \(shown), got \(Self.describe(node))")
        }
        guard range.contains(value), !(lowerOpen && value == range.lowerBound) else {
            throw error(key, "\(Self.format(value)) is out of range; allowed: \(shown)")
        }
        return value
    }

    mutating func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let node = value(key) else { return fallback }
        guard let value = node.scalar.flatMap({ _ in node.bool }) else {
            throw error(key, "expected true or false, got \(Self.describe(node))")
        }
        return value
    }

    /// A list of strings each in `allowed`, without repeats.
    mutating func stringList(_ key: String, default fallback: [String], allowed: [String]) throws -> [String] {
        guard let node = value(key) else { return fallback }
        guard let sequence = node.sequence else {
            throw error(key, "expected a list such as [\(allowed.prefix(3).joined(separator: ", "))], got \(Self.describe(node))")
        }
        var values: [String] = []
        for (index, item) in sequence.enumerated() {
            let itemPath = "\(keyPath(key))[\(index)]"
            guard let string = item.scalar?.string, item.null == nil else {
                throw ConfigError(file: file, line: item.mark?.line, keyPath: itemPath,
                                  message: "expected one of \(allowed.joined(separator: " | ")), got \(Self.describe(item))")
            }
            guard allowed.contains(string) else {
                let hint = Suggest.closest(to: string, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                throw ConfigError(file: file, line: item.mark?.line, keyPath: itemPath,
                                  message: "unknown value '\(string)'; \(hint)allowed: \(allowed.joined(separator: " | "))")
            }
            guard !values.contains(string) else {
                throw ConfigError(file: file, line: item.mark?.line, keyPath: itemPath, message: "'\(string)' is listed twice")
            }
            values.append(string)
        }
        return values
    }

    /// A nested mapping, or nil when the key is absent or null.
    mutating func mapping(_ key: String) throws -> ConfigReader? {
        guard let node = value(key), node.null == nil else { return nil }
        return try ConfigReader(file: file, path: keyPath(key), node: node)
    }

    /// Rejects every key that no getter asked for.
    func finish() throws {
        let known = Array(consumed).sorted()
        for pair in pairs where !consumed.contains(pair.key) {
            let hint = Suggest.closest(to: pair.key, in: known).map { "did you mean '\($0)'? " } ?? ""
            throw ConfigError(file: file, line: pair.line, keyPath: keyPath(pair.key),
                              message: "unknown key; \(hint)allowed keys here: \(known.joined(separator: ", "))")
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar): return node.null != nil ? "nothing (null)" : "'\(scalar.string)'"
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
