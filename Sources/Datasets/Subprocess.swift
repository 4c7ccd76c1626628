// Running a helper program (gzip, python -m pip) and capturing its output.
// Output goes to temporary files, not pipes, so a chatty program can never block
// on a full pipe while we wait for it.

import Foundation

struct SubprocessResult {
    var status: Int32
    var stdout: Data
    var stderr: Data

    /// The last non-empty line of stderr (what a failing tool says last is usually the reason).
    var lastErrorLine: String {
        let text = String(decoding: stderr, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "(no message)"
    }
}

enum Subprocess {
    /// The executable a command name resolves to: a path is taken as is, a bare name is
    /// searched in PATH. Nil if there is no such executable file.
    static func resolve(_ command: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        func isProgram(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: path)
        }
        if command.contains("/") { return isProgram(command) ? URL(fileURLWithPath: command) : nil }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(command)"
            if isProgram(candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }

    /// Runs `executable arguments`, optionally feeding `input` on stdin, and waits.
    static func run(_ executable: URL, _ arguments: [String], input: URL? = nil) throws -> SubprocessResult {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("curvilinear-subprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        // Empty files for the child's output; if one cannot be made, opening it just below throws.
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        var inputHandle: FileHandle?
        if let input {
            inputHandle = try FileHandle(forReadingFrom: input)
            process.standardInput = inputHandle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        try? inputHandle?.close()
        return SubprocessResult(status: process.terminationStatus,
                                stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                                stderr: (try? Data(contentsOf: errURL)) ?? Data())
    }
}
