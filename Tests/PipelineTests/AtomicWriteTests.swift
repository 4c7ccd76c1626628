import Foundation
import TestSupport
import XCTest
@testable import Pipeline

final class AtomicWriteTests: XCTestCase {
    func testWriteCreatesAndReplacesAFileLeavingNoTemporary() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("sub/result.json")
        try AtomicWrite.write("first", to: url)
        try AtomicWrite.write("second", to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "second")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["result.json"])
    }

    func testWriteFolderRenamesOnlyWhenTheBodyReturns() throws {
        let folder = try temporaryFolder()
        let target = folder.appendingPathComponent("artifact")
        struct Boom: Error {}
        XCTAssertThrowsError(try AtomicWrite.writeFolder(at: target) { temporary in
            try Data("half".utf8).write(to: temporary.appendingPathComponent("a.bin"))
            throw Boom()
        })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])

        try AtomicWrite.writeFolder(at: target) { temporary in
            XCTAssertEqual(temporary.lastPathComponent, ".artifact.tmp-\(ProcessInfo.processInfo.processIdentifier)")
            try Data("whole".utf8).write(to: temporary.appendingPathComponent("a.bin"))
        }
        XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("a.bin"), encoding: .utf8), "whole")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["artifact"])
    }

    func testWriteFolderReplacesAnExistingFolder() throws {
        let folder = try temporaryFolder()
        let target = folder.appendingPathComponent("site")
        try AtomicWrite.writeFolder(at: target) { try Data().write(to: $0.appendingPathComponent("old.html")) }
        try AtomicWrite.writeFolder(at: target) { try Data().write(to: $0.appendingPathComponent("new.html")) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target.path), ["new.html"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["site"])
    }

    /// Replacing a folder swaps old and new in one renameat2(RENAME_EXCHANGE): the name
    /// never points at nothing, even for a process killed between two renames.
    func testFoldersAreSwappedInOneStep() throws {
        let folder = try temporaryFolder()
        let files = FileManager.default
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        try files.createDirectory(at: a, withIntermediateDirectories: true)
        try files.createDirectory(at: b, withIntermediateDirectories: true)
        try Data().write(to: a.appendingPathComponent("from-a"))
        try Data().write(to: b.appendingPathComponent("from-b"))
        #if os(Linux)
        XCTAssertTrue(AtomicWrite.exchange(a, b))
        XCTAssertEqual(try files.contentsOfDirectory(atPath: a.path), ["from-b"])
        XCTAssertEqual(try files.contentsOfDirectory(atPath: b.path), ["from-a"])
        #endif
        XCTAssertFalse(AtomicWrite.exchange(a, folder.appendingPathComponent("missing")))
    }

    /// Publishing replaces only an absent or empty folder or an earlier site: a folder of
    /// other files (a mistyped --site-dir) or a file is refused and left as it was.
    func testPublishRefusesAFolderThatIsNotASite() throws {
        let folder = try temporaryFolder()
        let artifact = folder.appendingPathComponent("artifact")
        try FileManager.default.createDirectory(at: artifact, withIntermediateDirectories: true)
        try Data("new".utf8).write(to: artifact.appendingPathComponent("index.html"))
        let notes = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: notes.appendingPathComponent("notes.md"))
        XCTAssertThrowsError(try SitePublisher.publish(artifact: artifact, to: notes)) { error in
            guard case PipelineError.notASiteFolder(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, notes.path)
            XCTAssertTrue("\(error)".contains("no index.html"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: notes.appendingPathComponent("notes.md"), encoding: .utf8), "mine")
        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try SitePublisher.publish(artifact: artifact, to: file))
        // An earlier site, an empty folder and a new path are all replaced.
        let site = folder.appendingPathComponent("site"), empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: site.appendingPathComponent("index.html"))
        for target in [site, empty, folder.appendingPathComponent("new")] {
            try SitePublisher.publish(artifact: artifact, to: target)
            XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("index.html"), encoding: .utf8), "new")
        }
    }

    /// What a publish killed between its two renames leaves (the old site aside, no
    /// site) is put back by the next run; half-copied sites of dead runs are removed.
    func testAnInterruptedPublishIsRecovered() throws {
        let folder = try temporaryFolder()
        let files = FileManager.default
        let site = folder.appendingPathComponent("site")
        let aside = folder.appendingPathComponent(AtomicWrite.temporaryName(for: "site.old", pid: 999_999_999))
        let half = folder.appendingPathComponent(AtomicWrite.temporaryName(for: "site", pid: 999_999_998))
        let other = folder.appendingPathComponent(AtomicWrite.temporaryName(for: "runs", pid: 999_999_997))
        for url in [aside, half, other] { try files.createDirectory(at: url, withIntermediateDirectories: true) }
        try Data("old".utf8).write(to: aside.appendingPathComponent("index.html"))
        SitePublisher.recover(site)
        XCTAssertEqual(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8), "old")
        XCTAssertEqual(Set(try files.contentsOfDirectory(atPath: folder.path)), ["site", other.lastPathComponent])
    }
}
