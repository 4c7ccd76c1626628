// Writes an experiment's results folder: results.json (sorted keys, so the same
// numbers give the same bytes) and, per table, tables/NAME.csv and tables/NAME.tex.
// Every file is written atomically (temporary file beside it, then rename).

import ArtifactContract
import Foundation

public enum ResultsWriter {
    public static let tablesFolder = "tables"

    /// Writes into `folder` (created if needed); returns the paths written, relative to it.
    @discardableResult
    public static func write(_ results: Results, to folder: URL) throws -> [String] {
        let files = FileManager.default
        let tables = folder.appendingPathComponent(tablesFolder, isDirectory: true)
        do {
            try files.createDirectory(at: tables, withIntermediateDirectories: true)
        } catch {
            throw ExportError.cannotWrite(path: tables.path, reason: error.localizedDescription)
        }
        var written = [ResultsFolder.resultsFile]
        try put(try ArtifactJSON.encode(results), folder.appendingPathComponent(ResultsFolder.resultsFile))
        for table in ResultsTables.all(results) {
            try put(Data(CSVFormat.render(table).utf8), tables.appendingPathComponent(table.name + ".csv"))
            try put(Data(LaTeXFormat.render(table, label: ResultsTables.label(results.experiment, table.name)).utf8),
                    tables.appendingPathComponent(table.name + ".tex"))
            written += ["\(tablesFolder)/\(table.name).csv", "\(tablesFolder)/\(table.name).tex"]
        }
        return written
    }

    static func put(_ data: Data, _ url: URL) throws {
        do { try data.write(to: url, options: .atomic) } catch {
            throw ExportError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }
}

public enum ExportError: Error, CustomStringConvertible, Equatable {
    case cannotWrite(path: String, reason: String)
    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "\(path): cannot write (\(reason)); check the folder exists and is writable"
        }
    }
}
