// IDX files (the MNIST format): a big-endian header, then raw unsigned bytes.
//   images: magic 0x00000803 (ubyte, 3 dims), N, rows, cols, then N*rows*cols pixels
//   labels: magic 0x00000801 (ubyte, 1 dim),  N, then N labels
// Files may be gzip-compressed (.gz, detected by content, not name).

import Foundation

public enum IDXError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case wrongMagic(path: String, found: UInt32, expected: UInt32)
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    case tooLarge(path: String, rows: Int, columns: Int, side: Int)
    case noImages(path: String, count: Int, rows: Int, columns: Int)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read IDX file \(path): \(reason)"
        case let .wrongMagic(path, found, expected):
            let kind = expected == IDX.imagesMagic ? "images" : "labels"
            return "\(path) is not an IDX \(kind) file: magic number \(IDX.hex(found)), expected \(IDX.hex(expected))"
                + " (check that images and labels are not swapped and the file is IDX or IDX.gz)"
        case let .truncated(path, expected, actual):
            return "IDX file \(path) is truncated: header promises \(expected) bytes, file has \(actual)"
                + " (download it again)"
        case let .countMismatch(images, imageCount, labels, labelCount):
            return "\(images) has \(imageCount) images but \(labels) has \(labelCount) labels"
                + " (pass the labels file that belongs to these images)"
        case let .tooLarge(path, rows, columns, side):
            return "images in \(path) are \(rows)x\(columns), larger than the \(side)x\(side) frame"
                + " (use images of at most \(side)x\(side) pixels)"
        case let .noImages(path, count, rows, columns):
            return "IDX file \(path) holds \(count) images of \(rows)x\(columns) pixels"
                + " (give a file with at least one image of at least 1x1 pixel)"
        }
    }
}

/// Raw IDX images: bytes 0-255, N x rows x cols, row-major.
public struct IDXImages: Equatable, Sendable {
    public var count: Int
    public var rows: Int
    public var columns: Int
    public var pixels: [UInt8]

    public init(count: Int, rows: Int, columns: Int, pixels: [UInt8]) {
        self.count = count
        self.rows = rows
        self.columns = columns
        self.pixels = pixels
    }
}

public enum IDX {
    public static let imagesMagic: UInt32 = 0x0000_0803
    public static let labelsMagic: UInt32 = 0x0000_0801

    static func hex(_ value: UInt32) -> String { "0x" + String(format: "%08X", value) }

    // MARK: reading

    public static func readImages(at url: URL) throws -> IDXImages {
        let data = try contents(of: url)
        try check(data, url: url, magic: imagesMagic, headerBytes: 16)
        let count = Int(word(data, 4)), rows = Int(word(data, 8)), columns = Int(word(data, 12))
        // Without pixels every image is empty, and a count of 2^32 - 1 empty images would
        // pass the length check and then be expanded into float frames.
        guard count > 0, rows > 0, columns > 0 else {
            throw IDXError.noImages(path: url.path, count: count, rows: rows, columns: columns)
        }
        // A corrupt header can promise more bytes than Int holds: that file is truncated too.
        let (perImage, overflow1) = rows.multipliedReportingOverflow(by: columns)
        let (body, overflow2) = count.multipliedReportingOverflow(by: perImage)
        let expected = overflow1 || overflow2 || body > Int.max - 16 ? Int.max : 16 + body
        guard data.count >= expected else {
            throw IDXError.truncated(path: url.path, expectedBytes: expected, actualBytes: data.count)
        }
        return IDXImages(count: count, rows: rows, columns: columns, pixels: [UInt8](data[16 ..< expected]))
    }

    public static func readLabels(at url: URL) throws -> [UInt8] {
        let data = try contents(of: url)
        try check(data, url: url, magic: labelsMagic, headerBytes: 8)
        let count = Int(word(data, 4))
        guard data.count >= 8 + count else {
            throw IDXError.truncated(path: url.path, expectedBytes: 8 + count, actualBytes: data.count)
        }
        return [UInt8](data[8 ..< 8 + count])
    }

    /// The file's bytes, gunzipped if they are gzip (indices start at 0).
    static func contents(of url: URL) throws -> Data {
        let raw: Data
        do { raw = try Data(contentsOf: url) } catch {
            throw IDXError.unreadable(path: url.path, reason: "no such file or not readable")
        }
        guard Gzip.isCompressed(raw) else { return Data(raw) }
        do { return Data(try Gzip.decompress(fileAt: url)) } catch let error as GzipError {
            // e.g. a cut-off .gz: gzip reports "unexpected end of file".
            throw IDXError.unreadable(path: url.path, reason: error.description)
        }
    }

    private static func check(_ data: Data, url: URL, magic: UInt32, headerBytes: Int) throws {
        guard data.count >= 4 else {
            throw IDXError.truncated(path: url.path, expectedBytes: headerBytes, actualBytes: data.count)
        }
        let found = word(data, 0)
        guard found == magic else { throw IDXError.wrongMagic(path: url.path, found: found, expected: magic) }
        guard data.count >= headerBytes else {
            throw IDXError.truncated(path: url.path, expectedBytes: headerBytes, actualBytes: data.count)
        }
    }

    private static func word(_ data: Data, _ offset: Int) -> UInt32 {
        data[offset ..< offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    // MARK: writing

    public static func encode(_ images: IDXImages) -> Data {
        var data = header([imagesMagic, UInt32(images.count), UInt32(images.rows), UInt32(images.columns)])
        data.append(contentsOf: images.pixels)
        return data
    }

    public static func encode(labels: [UInt8]) -> Data {
        var data = header([labelsMagic, UInt32(labels.count)])
        data.append(contentsOf: labels)
        return data
    }

    /// Writes `data` to `url` atomically, gzip-compressed if the name ends in .gz.
    public static func write(_ data: Data, to url: URL) throws {
        let bytes = url.pathExtension == "gz" ? try Gzip.compress(data) : data
        try bytes.write(to: url, options: .atomic)
    }

    private static func header(_ words: [UInt32]) -> Data {
        Data(words.flatMap { word in (0 ..< 4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } })
    }
}
