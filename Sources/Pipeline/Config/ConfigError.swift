/// A problem in an experiment config, located by file, line and key path:
/// `content/experiments/sprites.yaml:14: editors[0].stpes: unknown key; did you mean 'steps'?`
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String
    /// 1-based line in `file`, or nil when the problem has no single place
    /// (for example a missing required key of the whole document).
    public var line: Int?
    /// Dotted path of the key, `editors[1].lr`; empty for the document.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return keyPath.isEmpty ? "\(place): \(message)" : "\(place): \(keyPath): \(message)"
    }
}
