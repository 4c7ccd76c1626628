import Foundation
import TestSupport
import XCTest

/// Runs the built `curvilinear` executable as a subprocess in a throwaway working
/// folder laid out like a checkout. Test classes that need it subclass this one.
class CLIProcessTestCase: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var killed: Bool
        var errors: String
        var output: String

        /// Stage -> `ran`, `forced` or `cached`, from the summary block.
        var outcomes: [String: String] {
            var result: [String: String] = [:]
            for line in errors.split(separator: "\n") where line.hasPrefix("  ") {
                let words = line.split(separator: " ")
                if words.count >= 2, ["ran", "forced", "cached"].contains(words[1]) { result[String(words[0])] = String(words[1]) }
            }
            return result
        }
    }

    static func executable() throws -> URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("curvilinear") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the curvilinear executable is not built next to the tests (run `swift build --build-tests`)")
        }
        return found
    }

    /// Runs `curvilinear report tiny` (or `report ARGUMENTS`) in `working`; with `killAt`, sends
    /// SIGKILL as soon as stderr (plain progress lines, not a terminal) contains that text.
    func report(in working: URL, _ arguments: [String] = ["tiny"], killAt marker: String? = nil,
                signal: Int32 = SIGKILL) throws -> Run {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["report"] + arguments + ["--experiments-dir", "experiments", "--threads", "1"]
        process.currentDirectoryURL = working
        let errors = Pipe(), output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        var text = "", killed = false
        while true {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let marker, !killed, text.contains(marker) {
                kill(process.processIdentifier, signal)
                killed = true
            }
        }
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if let marker { XCTAssertTrue(killed, "never saw '\(marker)' in:\n\(text)") }
        // SIGTERM and SIGINT are caught (a message, then exit 128 + signal); SIGKILL cannot be.
        XCTAssertEqual(process.terminationReason == .uncaughtSignal, killed && signal == SIGKILL, text)
        return Run(status: process.terminationStatus, killed: killed, errors: text, output: printed)
    }

    /// Temporary names (`.X.tmp-PID`, the site builder's `.X.building-*` and `.X.old-*`) under `folder`.
    func leftovers(in folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { path in
            let name = (path as NSString).lastPathComponent
            return name.hasPrefix(".") && (name.contains(".tmp-") || name.contains(".building-") || name.contains(".old-"))
        }
    }

    func writeConfig(in working: URL, linearSteps: Int) throws {
        try """
        name: tiny
        title: Tiny interrupted
        seed: 5
        dataset: {kind: sprites, count: 200}
        generator: {width: 4, latent_dim: 8, quality_samples: 200, train: {steps: 2, batch: 4}}
        editors:
          - {kind: linear, directions: 3, steps: \(linearSteps), batch: 4}
          - {kind: curvilinear, directions: 3, steps: 20, batch: 4, layers: 1, hidden: 4}
          - {kind: sefa, directions: 3}
        evaluation: {latents: 4, points: 3, attributes: [V, B, S]}
        render: {latents: 1, steps: 3, frames: 2}
        """.write(to: working.appendingPathComponent("experiments/tiny.yaml"), atomically: true, encoding: .utf8)
    }

    /// A working folder like a checkout: templates/ (a copy: tests edit it), content/ and the
    /// shipped identity classifiers, and an empty experiments/ folder.
    func workingFolder() throws -> URL {
        let files = FileManager.default
        let working = try temporaryFolder()
        // templates/ is copied (the test edits it); content/ and the identity classifier come from the repository.
        try files.copyItem(at: Self.repository.appendingPathComponent("templates"), to: working.appendingPathComponent("templates"))
        try files.createSymbolicLink(at: working.appendingPathComponent("content"),
                                     withDestinationURL: Self.repository.appendingPathComponent("content"))
        let identity = working.appendingPathComponent("models/identity")
        try files.createDirectory(at: identity, withIntermediateDirectories: true)
        for file in ["sprites-shape-lenet.safetensors", "sprites-shape-lenet.json"] {
            let source = Self.repository.appendingPathComponent("models/identity/" + file)
            guard files.fileExists(atPath: source.path) else { throw XCTSkip("\(source.path) is missing") }
            try files.copyItem(at: source, to: identity.appendingPathComponent(file))
        }
        try files.createDirectory(at: working.appendingPathComponent("experiments"), withIntermediateDirectories: true)
        return working
    }
}
