import AtomicFile
import Foundation

/// Writes `data` to `url` atomically (`AtomicFile.write`: a temporary file
/// beside it, then rename(2)), so a reader or a resumed run after a crash sees
/// the old file or the new one. The folder must exist.
public func writeAtomically(_ data: Data, to url: URL) throws {
    do {
        try AtomicFile.write(data, to: url, creatingFolder: false)
    } catch {
        throw GANTrainingError.writeFailed(file: error.path, reason: error.reason)
    }
}

/// JSON with sorted keys, pretty printed, as every manifest of the project.
public func encodeJSON<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return try encoder.encode(value)
}

public func decodeJSON<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(type, from: data)
}
