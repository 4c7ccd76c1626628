import Foundation

/// The version of the code that writes an artifact, computed once per process:
/// `git describe --always --dirty` of the checkout the running executable was built in
/// (found above it: `.build/release/curvilinear` sits in its checkout), else of the
/// current folder, else the package version.
public enum CodeVersion {
    public static let package = "0.1.0"

    public static let current: String = gitDescribe(in: checkout(containing: Bundle.main.executableURL)) ?? package

    /// The nearest folder above `url` that holds a `.git` entry, or nil.
    static func checkout(containing url: URL?) -> URL? {
        guard var folder = url?.resolvingSymlinksInPath().deletingLastPathComponent() else { return nil }
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) { return folder }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// `git describe` in `folder` (nil: the current folder).
    static func gitDescribe(in folder: URL? = nil) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "describe", "--always", "--dirty", "--tags"]
        if let folder { process.currentDirectoryURL = folder }
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
