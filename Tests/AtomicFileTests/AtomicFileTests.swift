import AtomicFile
import Foundation
import TestSupport
import XCTest

final class AtomicFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try temporaryFolder() }

    private func contents(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func testAWriteReplacesAnExistingFileAndLeavesNoTemporary() throws {
        let url = folder.appendingPathComponent("result.json")
        try AtomicFile.write(Data("first".utf8), to: url)
        try AtomicFile.write(Data("second".utf8), to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "second")
        XCTAssertEqual(try contents(folder), ["result.json"])
    }

    func testTheParentFolderIsCreated() throws {
        let url = folder.appendingPathComponent("a/b/result.bin")
        try AtomicFile.write(Data([1, 2, 3]), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data([1, 2, 3]))
        XCTAssertEqual(try contents(url.deletingLastPathComponent()), ["result.bin"])
    }

    /// Callers that never made folders keep failing on a missing one.
    func testWithoutCreatingFolderAMissingFolderIsAnError() throws {
        let url = folder.appendingPathComponent("missing/result.bin")
        XCTAssertThrowsError(try AtomicFile.write(Data([1]), to: url, creatingFolder: false)) { error in
            XCTAssertEqual((error as? AtomicFileError)?.path, url.path)
        }
        XCTAssertEqual(try contents(folder), [])
    }

    /// rename(2) cannot put a file over a folder: the error names the file, the
    /// folder is untouched and the temporary is gone.
    func testWritingOverAFolderFailsAndLeavesNoTemporary() throws {
        let url = folder.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: url.appendingPathComponent("inside.txt"))
        XCTAssertThrowsError(try AtomicFile.write(Data("new".utf8), to: url)) { error in
            guard let error = error as? AtomicFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.path, url.path)
            XCTAssertTrue(error.description.hasPrefix("cannot write \(url.path): "), error.description)
            XCTAssertFalse(error.description.contains("\n"))
        }
        XCTAssertEqual(try String(contentsOf: url.appendingPathComponent("inside.txt"), encoding: .utf8), "old")
        XCTAssertEqual(try contents(folder), ["taken"])
    }

    /// A parent that is a file cannot become a folder: the typed error, and the
    /// file that stood in the way is unchanged.
    func testAParentThatIsAFileFailsAndLeavesItIntact() throws {
        let blocker = folder.appendingPathComponent("blocker")
        try Data("old".utf8).write(to: blocker)
        for creatingFolder in [true, false] {
            XCTAssertThrowsError(try AtomicFile.write(Data("new".utf8), to: blocker.appendingPathComponent("x.bin"),
                                                      creatingFolder: creatingFolder)) { error in
                XCTAssertNotNil(error as? AtomicFileError, "\(error)")
            }
        }
        XCTAssertEqual(try String(contentsOf: blocker, encoding: .utf8), "old")
        XCTAssertEqual(try contents(folder), ["blocker"])
    }

    /// A write that fails with a file already in place (here the temporary
    /// name is taken by a folder left by this process) keeps the old bytes and
    /// leaves no temporary behind. (Tests run as root, so a read-only folder
    /// cannot be used to make the write fail.)
    func testAFailedReplacementKeepsTheOldFile() throws {
        let url = folder.appendingPathComponent("kept.txt")
        try AtomicFile.write(Data("old".utf8), to: url)
        let stale = folder.appendingPathComponent(AtomicFile.temporaryName(for: "kept.txt"))
        try FileManager.default.createDirectory(at: stale.appendingPathComponent("inside"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try AtomicFile.write(Data("new".utf8), to: url)) { error in
            XCTAssertEqual((error as? AtomicFileError)?.path, url.path)
        }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "old")
        XCTAssertEqual(try contents(folder), ["kept.txt"])
    }

    func testTemporaryNamesCarryTheirOwner() {
        XCTAssertEqual(AtomicFile.temporaryName(for: "data-ab", pid: 42), ".data-ab.tmp-42")
        XCTAssertEqual(AtomicFile.temporaryName(for: "m.safetensors"),
                       ".m.safetensors.tmp-\(ProcessInfo.processInfo.processIdentifier)")
        XCTAssertEqual(AtomicFile.ownerPID(ofTemporaryName: ".data-ab.tmp-42"), 42)
        XCTAssertNil(AtomicFile.ownerPID(ofTemporaryName: "data-ab"))
        XCTAssertNil(AtomicFile.ownerPID(ofTemporaryName: ".data-ab.tmp-x"))
    }

    func testAbandonedTemporariesOfDeadProcessesAreRemoved() throws {
        let files = FileManager.default
        // No process has pid 999999999 (above Linux's pid_max), so its temporary is abandoned.
        let dead = folder.appendingPathComponent(AtomicFile.temporaryName(for: "data-1", pid: 999_999_999))
        let mine = folder.appendingPathComponent(AtomicFile.temporaryName(for: "data-2"))
        let kept = folder.appendingPathComponent("data-3")
        for url in [dead, mine, kept] { try files.createDirectory(at: url, withIntermediateDirectories: true) }
        XCTAssertEqual(AtomicFile.removeAbandonedTemporaries(in: folder), [dead.lastPathComponent])
        XCTAssertEqual(Set(try files.contentsOfDirectory(atPath: folder.path)), [mine.lastPathComponent, "data-3"])
    }
}
