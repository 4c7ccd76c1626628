import Foundation

/// The version of the code that writes an artifact, computed once per process:
/// `git describe --always --dirty` of the checkout the running executable was built in
/// (found above it: `.build/release/curvilinear` sits in its checkout), else of the
/// current folder, else the package version.
///
/// `git describe` names the checkout, not the build: after a `git pull` or an edit without
/// a rebuild, the executable is older than the code it would name. Then the version gets
/// the suffix `-stale-build`, so an artifact never claims code it was not computed with.
public enum CodeVersion {
    public static let package = "0.1.0"
    public static let staleSuffix = "-stale-build"

    public static let current: String = {
        let executable = Bundle.main.executableURL
        let folder = checkout(containing: executable)
        guard let described = gitDescribe(in: folder) else { return package }
        guard let executable, let folder, let newer = newestSource(in: folder, newerThan: executable) else { return described }
        let version = described + staleSuffix
        FileHandle.standardError.write(Data(("warning: \(newer.path) changed after \(executable.path) was built; "
            + "rebuild with `make build` (artifacts written now record code version \(version))\n").utf8))
        return version
    }()

    /// The first file of `Package.swift` and `Sources/` in `checkout` modified after `executable` was
    /// built, or nil (also when the executable's date cannot be read).
    static func newestSource(in checkout: URL, newerThan executable: URL) -> URL? {
        let files = FileManager.default
        guard let built = try? files.attributesOfItem(atPath: executable.resolvingSymlinksInPath().path)[.modificationDate] as? Date
        else { return nil }
        // Files only: a folder's date moves when an editor saves a temporary file in it.
        func modified(_ url: URL) -> Date? {
            let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey])
            return values?.isRegularFile == true ? values?.contentModificationDate : nil
        }
        let package = checkout.appendingPathComponent("Package.swift")
        if let date = modified(package), date > built { return package }
        let sources = files.enumerator(at: checkout.appendingPathComponent("Sources"),
                                       includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey])
        while let url = sources?.nextObject() as? URL {
            if let date = modified(url), date > built { return url }
        }
        return nil
    }

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
