import Foundation

/// The version of the code that writes an artifact, computed once per
/// process: `git describe --always --dirty` when run inside a checkout,
/// else the package version.
public enum CodeVersion {
    public static let package = "0.1.0"

    public static let current: String = gitDescribe() ?? package

    static func gitDescribe() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "describe", "--always", "--dirty", "--tags"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
