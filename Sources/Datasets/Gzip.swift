// gzip through the system's `gzip` program (Foundation on Linux has no zlib API,
// and gzip is present wherever this tool builds).

import Foundation

public enum GzipError: Error, CustomStringConvertible, Equatable {
    case gzipNotFound
    case failed(path: String, message: String)

    public var description: String {
        switch self {
        case .gzipNotFound:
            "gzip program not found in PATH: install gzip (apt-get install gzip) to read or write .gz files"
        case let .failed(path, message):
            "gzip failed on \(path): \(message) (is the file a complete gzip file?)"
        }
    }
}

public enum Gzip {
    /// True if `data` starts with the gzip magic bytes 1f 8b.
    public static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// The decompressed contents of the gzip file at `url`.
    public static func decompress(fileAt url: URL) throws -> Data {
        guard let gzip = Subprocess.resolve("gzip") else { throw GzipError.gzipNotFound }
        let result = try Subprocess.run(gzip, ["-dc", url.path])
        guard result.status == 0 else { throw GzipError.failed(path: url.path, message: result.lastErrorLine) }
        return result.stdout
    }

    /// `data` gzip-compressed (no name, no timestamp: the same input gives the same bytes).
    public static func compress(_ data: Data) throws -> Data {
        guard let gzip = Subprocess.resolve("gzip") else { throw GzipError.gzipNotFound }
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("curvilinear-gzip-\(UUID().uuidString)")
        try data.write(to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try Subprocess.run(gzip, ["-n", "-c", "-6"], input: scratch)
        guard result.status == 0 else { throw GzipError.failed(path: scratch.path, message: result.lastErrorLine) }
        return result.stdout
    }
}
