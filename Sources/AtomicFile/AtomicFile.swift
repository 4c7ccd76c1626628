import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Atomic file writes: the bytes go to a temporary file beside the
/// destination, which rename(2) then puts in place, so a reader (or the next
/// run after a crash) sees either the old content or the complete new one,
/// never half. rename(2) is atomic only within one file system, which is why
/// the temporary lives in the destination's own folder.
public enum AtomicFile {
    /// Writes `data` to `url` through `.<name>.tmp-<pid>` + rename(2), replacing
    /// any file already there. With `creatingFolder` the parent folder is made
    /// first if missing; without it a missing folder is an error. On failure
    /// the temporary is removed and the destination is left as it was.
    public static func write(_ data: Data, to url: URL, creatingFolder: Bool = true) throws(AtomicFileError) {
        let folder = url.deletingLastPathComponent()
        if creatingFolder {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .writeFailed(path: folder.path, reason: describe(error))
            }
        }
        let temporary = folder.appendingPathComponent(temporaryName(for: url.lastPathComponent))
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: url.path, reason: describe(error))
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: url.path, reason: reason)
        }
    }

    /// `.<name>.tmp-<pid>`: hidden, and names the process that owns it so a
    /// later run can tell a live writer from a dead one (`removeAbandonedTemporaries`).
    public static func temporaryName(for name: String, pid: Int32 = ProcessInfo.processInfo.processIdentifier) -> String {
        ".\(name).tmp-\(pid)"
    }

    /// The owner pid of a temporary name made by `temporaryName`, or nil.
    public static func ownerPID(ofTemporaryName name: String) -> Int32? {
        guard name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards) else { return nil }
        return Int32(name[range.upperBound...])
    }

    /// Removes the temporary files and folders in `folder` whose owner no longer
    /// runs: what a crashed or interrupted (Ctrl-C skips `defer`) process left.
    /// Returns the names removed.
    @discardableResult
    public static func removeAbandonedTemporaries(in folder: URL) -> [String] {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let pid = ownerPID(ofTemporaryName: name), !processIsAlive(pid) else { continue }
            if (try? files.removeItem(at: folder.appendingPathComponent(name))) != nil { removed.append(name) }
        }
        return removed
    }

    /// kill(pid, 0) probes a process without signalling it; EPERM means it
    /// exists but belongs to someone else.
    public static func processIsAlive(_ pid: Int32) -> Bool {
        if pid == ProcessInfo.processInfo.processIdentifier { return true }
        if pid <= 0 { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Foundation's errors print their localised sentence; others as themselves.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? CocoaError { return error.localizedDescription }
        return String(describing: error)
    }
}

/// Why an atomic write failed. Callers map it to their own error type so each
/// module keeps its own message.
public enum AtomicFileError: Error, CustomStringConvertible, Equatable {
    /// `path` is the destination, or the folder that could not be created.
    case writeFailed(path: String, reason: String)

    public var path: String {
        switch self { case let .writeFailed(path, _): return path }
    }

    public var reason: String {
        switch self { case let .writeFailed(_, reason): return reason }
    }

    public var description: String {
        switch self {
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason); check the folder exists and is writable"
        }
    }
}
