import Foundation

public enum GeneratorArtifact {
    /// Sorted, pretty, snake_case JSON, written atomically.
    public static func writeJSON<T: Encodable>(_ value: T, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(value)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw PipelineError.writeFailed(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.writeFailed(path: url.path, reason: error.localizedDescription)
        }
    }
}
