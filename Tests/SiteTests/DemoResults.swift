import ArtifactContract
import Foundation
import Render
import XCTest
@testable import Site

/// Writes a demo results folder (3 experiments x 6 editors, with figures drawn by
/// the Render builders from synthetic sprites) when CURVILINEAR_DEMO_OUT is set.
/// Used for screenshots and for timing `curvilinear site`; skipped otherwise.
final class DemoResults: XCTestCase {
    static let editors = ["linear", "warped", "curvilinear", "curvilinear_iso", "sefa", "ganspace"]
    static let keys = ["V", "H", "S", "B"]
    static let names = ["vertical position", "horizontal position", "size", "background brightness"]
    /// Per editor: how much an edit leaks into other attributes (side-effect level).
    static let leak: [String: Double] = ["linear": 0.25, "warped": 0.2, "curvilinear": 0.08, "curvilinear_iso": 0.1,
                                         "sefa": 0.35, "ganspace": 0.3]

    /// A sprite: a hued square on a grey background, factors in [-1, 1].
    static func sprite(_ f: [Double], hue: Int) -> PixelImage {
        let bg = Float(0.35 + 0.25 * f[3]), size = 6 + 3 * f[2]
        let cx = 16 + 7 * f[1], cy = 16 + 7 * f[0]
        let colors = [RGB(0.9, 0.25, 0.2), RGB(0.2, 0.6, 0.9), RGB(0.95, 0.8, 0.2), RGB(0.3, 0.8, 0.4)]
        var img = PixelImage(width: 32, height: 32, color: RGB(bg, bg, bg))
        for y in 0..<32 { for x in 0..<32 where abs(Double(x) - cx) < size && abs(Double(y) - cy) < size {
            img.set(x, y, colors[hue % colors.count])
        } }
        return img
    }

    func testWriteDemoResults() throws {
        guard let path = ProcessInfo.processInfo.environment["CURVILINEAR_DEMO_OUT"] else {
            throw XCTSkip("set CURVILINEAR_DEMO_OUT to write the demo results folder")
        }
        let root = URL(fileURLWithPath: path)
        for (i, name) in ["sprites", "sprites_small", "sprites_hue"].enumerated() {
            try writeExperiment(name, title: "Demo sprites \(i + 1)", seed: UInt64(i + 1), root: root)
        }
    }

    func writeExperiment(_ name: String, title: String, seed: UInt64, root: URL) throws {
        var rng = SplitMix(seed: seed)
        func u() -> Double { Double(rng.next() % 10_000) / 10_000 }
        let dir = root.appendingPathComponent(name)
        let figs = dir.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figs, withIntermediateDirectories: true)
        let latents = (0..<4).map { _ in (0..<4).map { _ in u() * 1.2 - 0.6 } }
        let ts = stride(from: -3.0, through: 3.0, by: 0.75).map { $0 }
        func edited(_ z: [Double], _ j: Int, _ t: Double, _ editor: String) -> [Double] {
            var f = z
            for l in 0..<4 { f[l] += l == j ? t / 3 : (Self.leak[editor] ?? 0.2) * t / 3 * (l % 2 == 0 ? 1 : -1) * (0.5 + Double((j + l) % 3) / 2) }
            return f.map { min(max($0, -1), 1) }
        }
        var edResults: [String: EditorResults] = [:]
        for (e, editor) in Self.editors.enumerated() {
            let edDir = "figures/\(editor)"
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(edDir), withIntermediateDirectories: true)
            var traversals: [TraversalFigure] = []
            for (j, key) in Self.keys.enumerated() {
                let rows = latents.enumerated().map { r, z in ts.map { Self.sprite(edited(z, j, $0, editor), hue: r) } }
                try PNG.write(try Figures.traversalStrip(rows, t: ts, rowLabels: latents.indices.map { "z\($0)" }),
                              to: dir.appendingPathComponent("\(edDir)/traversal_\(key).png"))
                let frames = stride(from: -3.0, through: 3.0, by: 0.25).map { Self.sprite(edited(latents[0], j, $0, editor), hue: 0) }
                try PNG.write(try Slider.spriteSheet(frames, scale: 4), to: dir.appendingPathComponent("\(edDir)/slider_\(key).png"))
                traversals.append(TraversalFigure(direction: j * 3 + e % 2, attribute: key, strip: "\(edDir)/traversal_\(key).png",
                                                  sprite: "\(edDir)/slider_\(key).png", frames: frames.count, frameWidth: 128, frameHeight: 128, tMax: 3))
            }
            // Commutativity grid over V, B, S.
            let z = latents[1], order = [[0, 3, 2], [3, 2, 0], [2, 0, 3]]
            let rows = order.map { o -> Figures.CommutativityRow in
                var f = z, fw: [PixelImage] = [], un: [PixelImage] = []
                for j in o { f = edited(f, j, 2, editor); fw.append(Self.sprite(f, hue: 1)) }
                for j in o.reversed() { f = edited(f, j, -2, editor); un.append(Self.sprite(f, hue: 1)) }
                return Figures.CommutativityRow(label: o.map { Self.keys[$0] }.joined(separator: ","), forward: fw, undone: un)
            }
            try PNG.write(try Figures.commutativityGrid(original: Self.sprite(z, hue: 1), rows: rows, editLabels: ["1", "2", "3"]),
                          to: dir.appendingPathComponent("\(edDir)/commutativity.png"))
            let lk = Self.leak[editor] ?? 0.2
            let comm = editor == "warped" ? 18.0 : 1.0 + 2 * u()
            let pairs = (0..<4).flatMap { a in ((a + 1)..<4).map { b in
                Commutativity.Pair(a: Self.keys[a], b: Self.keys[b], aErr: comm * (0.5 + u()), bErr: comm * (0.5 + u())) } }
            var matrix: [[Double]] = []
            var off = 0.0
            for i in 0..<4 {
                var row: [Double] = []
                for l in 0..<4 {
                    let v: Double = i == l ? 100 : 100 * lk * (0.5 + u())
                    row.append(v)
                    if i != l { off += v / 12 }
                }
                matrix.append(row)
            }
            func per(_ s: Double) -> [String: Double] { Dictionary(uniqueKeysWithValues: Self.keys.map { ($0, s * (0.5 + u())) }) }
            edResults[editor] = EditorResults(
                matching: Self.keys.enumerated().map { Match(attribute: $1, direction: $0 * 3 + e % 2, sign: $0 % 2 == 0 ? 1 : -1, score: 0.6 + 0.3 * u()) },
                targetChange: per(1), sideEffect: SideEffect(attributes: Self.keys, matrix: matrix, offDiagonalMean: off, ci95: [off * 0.9, off * 1.1]),
                commutativityOrder: Commutativity(pairs: pairs, mean: comm, ci95: [comm * 0.8, comm * 1.2]),
                commutativityRoundtrip: Commutativity(pairs: pairs, mean: comm * 1.3, ci95: [comm, comm * 1.6]),
                latentCommutator: LatentCommutator(mean: comm / 2), identityError: IdentityError(perAttribute: per(lk * 20), mean: lk * 20),
                samples: 500, strength: per(2), displacement: per(editor.hasPrefix("curvilinear") ? 12 : 3),
                training: ["sefa", "ganspace"].contains(editor) ? nil : Training(steps: 2000, wallTimeSeconds: 300 + 500 * u(), accuracy: 80 + 15 * u()),
                figures: EditorFigures(traversals: traversals, commutativityGrid: "\(edDir)/commutativity.png"))
        }
        // Side-effect strips and samples.
        var strips: [SideEffectStripFigure] = []
        for (j, key) in Self.keys.enumerated() {
            let rows: [(editor: String, images: [PixelImage])] = Self.editors.map { ed in
                (ed, ts.map { t in Self.sprite(edited(latents[2], j, t, ed), hue: 2) })
            }
            var measured: [(editor: String, series: [(name: String, values: [Double])])] = []
            for ed in Self.editors {
                var series: [(name: String, values: [Double])] = []
                for l in Self.keys.indices {
                    series.append((Self.keys[l], ts.map { t in edited(latents[2], j, t, ed)[l] - latents[2][l] }))
                }
                measured.append((ed, series))
            }
            let r = try Figures.sideEffectStrip(attribute: key, t: ts, rows: rows, measured: measured)
            try PNG.write(r.image, to: figs.appendingPathComponent("strip_\(key).png"))
            try r.plot.write(to: figs.appendingPathComponent("strip_\(key).svg"), atomically: true, encoding: .utf8)
            strips.append(SideEffectStripFigure(attribute: key, image: "figures/strip_\(key).png", plot: "figures/strip_\(key).svg"))
        }
        let samples = (0..<3).map { r in (0..<8).map { c -> PixelImage? in Self.sprite((0..<4).map { _ in u() * 2 - 1 }, hue: r + c) } }
        try PNG.write(try GridComposer(scale: 2, gap: 2).compose(samples), to: figs.appendingPathComponent("generated.png"))
        try PNG.write(try GridComposer(scale: 2, gap: 2).compose(samples.reversed()), to: figs.appendingPathComponent("real.png"))
        let results = Results(
            experiment: name, title: title,
            provenance: Provenance(configHash: String(format: "%012llx", rng.next() & 0xffff_ffff_ffff), seed: Int(seed),
                                   codeVersion: "demo", created: "2026-11-30T00:00:00Z", wallTimeSeconds: 3600),
            attributes: zip(Self.keys, Self.names).map { Attribute(key: $0, name: $1, std: 2 + u()) },
            generator: GeneratorQuality(frechet: 3 + u(), frechetReal: 0.5, samples: 2000, wasserstein: per4(u)),
            editors: edResults, editorsFixedT: edResults,
            summary: "Synthetic demo data drawn by the Render figure builders; the numbers are made up.",
            dataset: DatasetInfo(kind: "sprites", images: 60000, size: 32, channels: 3),
            evaluationProtocol: EvaluationProtocol(targetChange: 1, fixedT: 3, latents: 500),
            figures: ExperimentFigures(realSamples: "figures/real.png", generatedSamples: "figures/generated.png", sideEffectStrips: strips))
        try ArtifactJSON.write(results, to: dir.appendingPathComponent("results.json"))
    }

    func per4(_ u: () -> Double) -> [String: Double] { Dictionary(uniqueKeysWithValues: Self.keys.map { ($0, 0.1 * u()) }) }
}
