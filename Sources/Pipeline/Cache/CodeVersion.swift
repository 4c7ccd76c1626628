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
        guard let executable, let folder, let changed = sourceChanged(in: folder, afterBuildOf: executable) else { return described }
        let version = described + staleSuffix
        FileHandle.standardError.write(Data(("warning: \(changed.path) changed after \(executable.path) was built; "
            + "rebuild with `make build` (artifacts written now record code version \(version))\n").utf8))
        return version
    }()

    /// The first file of `Package.swift` and `Sources/` in `checkout` modified after the last
    /// build of `executable` (`buildDate`), or nil (also when that date cannot be read).
    static func sourceChanged(in checkout: URL, afterBuildOf executable: URL) -> URL? {
        guard let built = buildDate(of: executable) else { return nil }
        let package = checkout.appendingPathComponent("Package.swift")
        if let date = modified(package), date > built { return package }
        let sources = FileManager.default.enumerator(at: checkout.appendingPathComponent("Sources"),
                                                     includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey])
        while let url = sources?.nextObject() as? URL {
            if let date = modified(url), date > built { return url }
        }
        return nil
    }

    /// When the build of `executable` last ran: the newest of the executable and the files the
    /// compiler writes beside it (`MODULE.build/*`, such as the dependency file `MODULE.d`). A
    /// source saved again unchanged is recompiled, but into byte-identical objects, and the
    /// executable is then not relinked: its own date alone would call the build stale forever.
    static func buildDate(of executable: URL) -> Date? {
        let resolved = executable.resolvingSymlinksInPath()
        guard var newest = modified(resolved) else { return nil }
        let folder = resolved.deletingLastPathComponent()
        let modules = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        for module in modules where module.pathExtension == "build" {
            let files = (try? FileManager.default.contentsOfDirectory(at: module, includingPropertiesForKeys:
                [.contentModificationDateKey, .isRegularFileKey])) ?? []
            for file in files { if let date = modified(file), date > newest { newest = date } }
        }
        return newest
    }

    /// A regular file's modification date; nil for folders (a folder's date moves when an
    /// editor saves a temporary file in it) and for what cannot be read.
    static func modified(_ url: URL) -> Date? {
        let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey])
        return values?.isRegularFile == true ? values?.contentModificationDate : nil
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
