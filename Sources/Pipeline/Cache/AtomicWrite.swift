import AtomicFile
import Foundation

/// Atomic writes of files (through the shared `AtomicFile`) and of whole
/// folders: everything is written under a temporary name beside its
/// destination and renamed into place, so a reader (or the next run after a
/// crash) sees either the old content or the complete new one, never half.
/// rename(2) is atomic within one file system; the temporary always lives in
/// the destination's folder so it is on the same one.
public enum AtomicWrite {
    /// Writes `data` to `url` through `.<name>.tmp-<pid>` + rename, making the folder if missing.
    public static func write(_ data: Data, to url: URL) throws {
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw PipelineError.writeFailed(path: error.path, reason: error.reason)
        }
    }

    public static func write(_ string: String, to url: URL) throws {
        try write(Data(string.utf8), to: url)
    }

    /// Builds a folder at `url`: `body` fills a temporary folder
    /// `.<name>.tmp-<pid>` beside it, which is renamed to `url` only if
    /// `body` returns. If `body` throws, the temporary folder is removed and
    /// the error rethrown, so no half folder is left behind. An existing
    /// folder at `url` is replaced.
    public static func writeFolder(at url: URL, _ body: (URL) throws -> Void) throws {
        let parent = url.deletingLastPathComponent()
        try createFolder(parent)
        let temporary = parent.appendingPathComponent(temporaryName(for: url.lastPathComponent))
        let files = FileManager.default
        if files.fileExists(atPath: temporary.path) { try? files.removeItem(at: temporary) }
        try createFolder(temporary)
        do {
            try body(temporary)
        } catch {
            try? files.removeItem(at: temporary)
            throw error
        }
        do {
            try replace(url, with: temporary)
        } catch {
            try? files.removeItem(at: temporary)
            throw PipelineError.writeFailed(path: url.path, reason: describe(error))
        }
    }

    /// `.<name>.tmp-<pid>`: hidden, and names the process that owns it so a
    /// later run can tell a live writer from a dead one.
    public static func temporaryName(for name: String, pid: Int32 = ProcessInfo.processInfo.processIdentifier) -> String {
        AtomicFile.temporaryName(for: name, pid: pid)
    }

    static func createFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.writeFailed(path: url.path, reason: describe(error))
        }
    }

    /// Moves `temporary` to `destination`. A file is replaced by rename(2)
    /// directly. An existing folder is swapped with the new one in one step by
    /// renameat2(RENAME_EXCHANGE) where the kernel has it (Linux 3.15+), so the
    /// destination always names a complete folder even if the process is
    /// killed; elsewhere it is first renamed aside (`.NAME.old.tmp-PID`, which
    /// `SitePublisher.recover` puts back after a crash between the renames).
    private static func replace(_ destination: URL, with temporary: URL) throws {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: destination.path, isDirectory: &isFolder), isFolder.boolValue {
            if exchange(temporary, destination) {
                // `temporary` now holds the previous folder.
                try? files.removeItem(at: temporary)
                return
            }
            let aside = destination.deletingLastPathComponent()
                .appendingPathComponent(temporaryName(for: destination.lastPathComponent + ".old"))
            try? files.removeItem(at: aside)
            try files.moveItem(at: destination, to: aside)
            try renameOrThrow(temporary, destination)
            try? files.removeItem(at: aside)
        } else {
            try renameOrThrow(temporary, destination)
        }
    }

    /// renameat2(2) looked up at run time: Glibc declares it only under _GNU_SOURCE.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    /// Atomically swaps two existing paths; false when the system cannot.
    static func exchange(_ a: URL, _ b: URL) -> Bool {
        guard let renameat2 else { return false }
        let atCurrentFolder: Int32 = -100, renameExchange: UInt32 = 2  // AT_FDCWD, RENAME_EXCHANGE
        return renameat2(atCurrentFolder, a.path, atCurrentFolder, b.path, renameExchange) == 0
    }

    private static func renameOrThrow(_ from: URL, _ to: URL) throws {
        if rename(from.path, to.path) != 0 {
            throw PipelineError.writeFailed(path: to.path, reason: String(cString: strerror(errno)))
        }
    }

    static func describe(_ error: Error) -> String {
        AtomicFile.describe(error)
    }
}
