import AtomicFile
import Datasets
import Foundation

/// The artifact cache under `runs/`. An artifact of stage `sprites/editor-linear`
/// with key `k` lives in `runs/sprites/editor-linear-<first 16 hex of k>/`
/// and is complete when it holds `manifest.json`; it is served only while the files
/// the manifest lists are there with their sizes (`damage(of:key:)`). Artifacts are
/// built in `.editor-linear-<hash>.tmp-<pid>` beside it and renamed into place.
public struct ArtifactStore: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// The key of a stage: SHA-256 of a canonical text of its name, format
    /// version, seed, config section and its inputs' keys. Inputs' keys (not
    /// their content) are hashed, so the whole graph's keys are known before
    /// anything runs.
    public static func key(stage: any Stage, inputKeys: [String: String]) throws -> String {
        var text = "curvilinear artifact\nstage \(stage.localName)\nformat \(stage.formatVersion)\nseed \(stage.seed)\n"
        text += "config \(try CanonicalJSON.string(stage.configSection))\n"
        for input in stage.inputs.sorted() {
            text += "input \(input) \(inputKeys[input] ?? "?")\n"
        }
        return SHA256.hash(text)
    }

    public static let shownHashLength = 16

    public func folder(stage: String, key: String) -> URL {
        root.appendingPathComponent("\(stage)-\(key.prefix(Self.shownHashLength))")
    }

    public func isComplete(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(Manifest.fileName).path)
    }

    /// Why the complete artifact in `folder` cannot be served under `key`, or nil if it can:
    /// its manifest must name `key` and every file it lists must be there with its size.
    /// Sizes, not contents, are checked: cheap enough for every plan, and what an
    /// interrupted copy or a full disk leaves wrong.
    public func damage(of folder: URL, key: String) -> String? {
        let manifest: Manifest
        do { manifest = try Manifest.read(from: folder) } catch { return "its manifest.json is unreadable" }
        guard manifest.hash == key else { return "its manifest.json names another key, \(manifest.hash.prefix(Self.shownHashLength))" }
        for file in manifest.files {
            let path = folder.appendingPathComponent(file.path).path
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
            guard let size else { return "\(file.path) is missing" }
            guard size == file.bytes else { return "\(file.path) has \(size) bytes, its manifest says \(file.bytes)" }
        }
        return nil
    }

    /// Complete artifacts of `stage` with any key other than `key`, newest first.
    public func staleArtifacts(stage: String, key: String) -> [URL] {
        let current = folder(stage: stage, key: key)
        let parent = current.deletingLastPathComponent()
        let prefix = (stage.split(separator: "/").last.map(String.init) ?? stage) + "-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return [] }
        return names.filter { name in
            name.hasPrefix(prefix) && name != current.lastPathComponent
                && name.dropFirst(prefix.count).count == Self.shownHashLength
                && name.dropFirst(prefix.count).allSatisfy(\.isHexDigit)
        }
        .map { parent.appendingPathComponent($0) }
        .filter(isComplete)
        .sorted { modified($0) > modified($1) }
    }

    /// Builds the artifact: `body` fills a temporary folder, then the
    /// manifest is written and the folder renamed into place.
    public func write(stage: String, key: String, manifest: (URL) throws -> Manifest, _ body: (URL) throws -> Void) throws -> URL {
        let destination = folder(stage: stage, key: key)
        try AtomicWrite.writeFolder(at: destination) { temporary in
            try body(temporary)
            try manifest(temporary).write(to: temporary)
        }
        return destination
    }

    /// The complete artifacts under the root (`root/STAGE-KEY/` of shared stages and
    /// `root/EXPERIMENT/STAGE-KEY/`), each with its manifest; unreadable manifests are skipped.
    public func completeArtifacts() -> [(folder: URL, manifest: Manifest)] {
        let files = FileManager.default
        func artifacts(in folder: URL) -> [(URL, Manifest)] {
            let names = ((try? files.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            return names.compactMap { name in
                let url = folder.appendingPathComponent(name)
                return isComplete(url) ? (try? Manifest.read(from: url)).map { (url, $0) } : nil
            }
        }
        var result = artifacts(in: root)
        for name in ((try? files.contentsOfDirectory(atPath: root.path)) ?? []).sorted() where !name.hasPrefix(".") {
            let sub = root.appendingPathComponent(name)
            if !isComplete(sub) { result += artifacts(in: sub) }
        }
        return result.map { (folder: $0.0, manifest: $0.1) }
    }

    /// Removes every complete artifact built on the artifact `stage`/`key`, directly or
    /// through others (its manifest names that key among its inputs), except the folders
    /// in `keep` (standardized paths). A forced rebuild replaces an artifact under the same
    /// key, so what was built on the old one must go. Returns the folders removed.
    public func removeDependents(of stage: String, key: String, keepingFolders keep: Set<String>) -> [URL] {
        let all = completeArtifacts()
        var replaced: [(stage: String, key: String)] = [(stage, key)], removed: [URL] = []
        while let (stage, key) = replaced.popLast() {
            for (folder, manifest) in all where manifest.inputs[stage] == key {
                let path = folder.standardizedFileURL.path
                guard !keep.contains(path), !removed.contains(where: { $0.standardizedFileURL.path == path }) else { continue }
                guard (try? FileManager.default.removeItem(at: folder)) != nil else { continue }
                removed.append(folder)
                replaced.append((manifest.stage, manifest.hash))
                if let export = RenderExport.removeExport(ofRender: manifest, runsFolder: root) { removed.append(export) }
            }
        }
        return removed
    }

    /// Removes temporary folders of dead runs under the root and one level
    /// of experiment folders below it.
    @discardableResult
    public func removeAbandonedTemporaries() -> [String] {
        var removed = AtomicFile.removeAbandonedTemporaries(in: root)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names where !name.hasPrefix(".") {
            let sub = root.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: sub.path, isDirectory: &isFolder), isFolder.boolValue {
                removed += AtomicFile.removeAbandonedTemporaries(in: sub).map { "\(name)/\($0)" }
            }
        }
        return removed
    }

    /// Total bytes of the regular files under `folder`.
    public static func size(of folder: URL) -> Int {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey]) else {
            return 0
        }
        var total = 0
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            if values?.isRegularFile == true { total += values?.fileSize ?? 0 }
        }
        return total
    }

    private func modified(_ url: URL) -> Date {
        (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
    }
}
