import AtomicFile
import Foundation

public enum GeneratorArtifact {
    /// Sorted, pretty, snake_case JSON, written atomically into an existing folder.
    public static func writeJSON<T: Encodable>(_ value: T, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(value)
        do {
            try AtomicFile.write(data, to: url, creatingFolder: false)
        } catch {
            throw PipelineError.writeFailed(path: error.path, reason: error.reason)
        }
    }
}
