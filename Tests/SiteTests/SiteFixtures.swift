import ArtifactContract
import Foundation
import Render
@testable import Site

/// Paths and helpers shared by the site tests.
enum SiteFixtures {
    /// The repository root (tests use the real templates/ and content/).
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = repo.appendingPathComponent("templates")
    static let content = repo.appendingPathComponent("content")
    static var fixtureResults: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/results")
    }
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    /// Copies the committed fixture results into `dir` and writes a small
    /// random-noise PNG (seeded) or a tiny SVG for every figure results.json names.
    static func fixtureResults(in dir: URL) throws -> URL {
        let dst = dir.appendingPathComponent("results")
        try FileManager.default.copyItem(at: fixtureResults, to: dst)
        let folder = ResultsFolder(root: dst)
        var rng = SplitMix(seed: 42)
        for name in try folder.experimentNames() {
            for (_, file) in Steps.figurePaths(try folder.results(name)) {
                let url = folder.experimentFolder(name).appendingPathComponent(file)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                if file.hasSuffix(".svg") {
                    try Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>".utf8).write(to: url)
                } else {
                    let px = (0..<(8 * 8 * 3)).map { _ in Float(rng.next() % 256) / 255 }
                    try PNG.write(try PixelImage(width: 8, height: 8, channels: 3, pixels: px), to: url)
                }
            }
        }
        return dst
    }

    static func config(results: URL, out: URL, templates: URL = templates) -> SiteConfig {
        SiteConfig(results: results, output: out, templates: templates, content: content)
    }

    /// Builds the site of the fixture results, after `edits` changed the named experiments'
    /// results.json, in a fresh folder under `dir` (so one test may build several); returns
    /// the site folder.
    static func site(in dir: URL, editing edits: [String: (inout Results) -> Void] = [:]) throws -> URL {
        let folder = dir.appendingPathComponent("build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let results = try fixtureResults(in: folder)
        for (name, edit) in edits {
            let file = results.appendingPathComponent("\(name)/results.json")
            var r = try ArtifactJSON.decode(Results.self, from: file)
            edit(&r)
            try ArtifactJSON.write(r, to: file)
        }
        let out = folder.appendingPathComponent("site")
        try SiteBuilder(config: config(results: results, out: out), log: { _ in }).build()
        return out
    }
}

/// Deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
