import ArtifactContract
import Datasets
import Editors
import Evaluation
import Foundation
import Generators
import NN
import Render
import Tensor
import TestSupport
import XCTest
@testable import Pipeline

final class RenderStageTests: XCTestCase {
    func renderer(_ config: RenderConfig) -> FigureRenderer {
        FigureRenderer(settings: config, generator: ToySpriteGenerator(),
                       latents: .normal(count: config.latents, dim: 4, seed: 11), sampleLatents: .normal(count: 16, dim: 4, seed: 12))
    }

    func testEveryFigureNamedInResultsExistsAndIsReadable() throws {
        let root = try temporaryFolder()
        let config = RenderFixtures.renderConfig(latents: 2, steps: 5, frames: 4)
        let real = ToySpriteGenerator().generate(.normal(count: 10, dim: 4, seed: 13))
        let out = try renderer(config).render(results: RenderFixtures.results(editors: ["linear", "warped"]),
                                              editors: [.init(name: "linear", edit: AxisEditor()), .init(name: "warped", edit: ShearEditor())],
                                              realImages: real, into: root)
        let paths = RenderFixtures.figurePaths(out)
        // 2 sample grids, 4 strips + 4 plots, per editor 4 strips + 4 sheets + 1 grid.
        XCTAssertEqual(paths.count, 2 + 8 + 2 * 9)
        XCTAssertEqual(Set(paths).count, paths.count)
        for path in paths {
            XCTAssertTrue(path.hasPrefix("figures/"), path)
            let url = root.appendingPathComponent(path)
            if path.hasSuffix(".svg") {
                XCTAssertTrue(try String(contentsOf: url, encoding: .utf8).hasPrefix("<svg"), path)
            } else {
                XCTAssertNoThrow(try PNG.read(url), path)
            }
        }
        let traversal = try XCTUnwrap(out.editors["linear"]?.figures?.traversals?.first { $0.attribute == "B" })
        XCTAssertEqual(traversal.direction, 3)
        XCTAssertEqual(traversal.tMax, 1.5)
        XCTAssertEqual(traversal.frames, 5, "render.frames 4, plus one so that t = 0 is the middle frame")
        let sheet = try PNG.read(root.appendingPathComponent(try XCTUnwrap(traversal.sprite)))
        XCTAssertEqual(sheet.width, 5 * (traversal.frameWidth ?? 0))
        XCTAssertEqual(sheet.height, traversal.frameHeight)
        // The strip has one row per rendered latent.
        let strip = try PNG.read(root.appendingPathComponent(traversal.strip))
        XCTAssertEqual(strip.height, Self.gridHeight(rows: 2))
        // Everything else of results.json is kept as evaluate wrote it.
        var stripped = out
        stripped.figures = nil
        for name in stripped.editorNames { stripped.editors[name]?.figures = nil }
        XCTAssertEqual(stripped, RenderFixtures.results(editors: ["linear", "warped"]))
    }

    /// Height of a labelled GridComposer grid of 32 px images with `rows` rows.
    static func gridHeight(rows: Int) -> Int {
        let c = GridComposer()
        return 2 * c.margin + BitmapFont.glyphHeight * c.textScale + c.gap + 2 + rows * 32 * c.scale + (rows - 1) * c.gap
    }

    /// The |last undo - O| column of the commutativity grid: black for an editor
    /// whose edits commute exactly, not black for one whose edits do not.
    func testCommutativityGridDifferenceIsBlackOnlyForCommutingEdits() throws {
        let config = RenderFixtures.renderConfig(commutativity: ["V", "B", "S"])
        func differenceColumn(_ editor: any EditFunction) throws -> Float {
            let root = try temporaryFolder()
            let results = RenderFixtures.results(editors: ["e"])
            let path = try XCTUnwrap(renderer(config).commutativityGrid(.init(name: "e", edit: editor), results.editors["e"]!,
                                                                     of: results, folder: FigureFolder(root: root)))
            let grid = try PNG.read(root.appendingPathComponent(path))
            let c = GridComposer()
            XCTAssertEqual(grid.height, Self.gridHeight(rows: 6), "one row per order of 3 edits")
            let labelWidth = BitmapFont.width("V,B,S", scale: c.textScale) + c.gap + 2
            let cell = 32 * c.scale, column = 1 + 3 + 3 + 1
            let x0 = c.margin + labelWidth + column * (cell + c.gap)
            let y0 = c.margin + BitmapFont.glyphHeight * c.textScale + c.gap + 2
            var brightest: Float = 0
            for row in 0..<6 {
                for y in 0..<cell { for x in 0..<cell {
                    let p = grid.rgb(x0 + x, y0 + row * (cell + c.gap) + y)
                    brightest = max(brightest, p.r, p.g, p.b)
                } }
            }
            return brightest
        }
        XCTAssertEqual(try differenceColumn(AxisEditor()), 0)
        XCTAssertGreaterThan(try differenceColumn(ShearEditor()), 0.2)
    }

    func testSideEffectColumnsAreLabelledInUnitsOfT() {
        XCTAssertEqual(RenderImages.symmetric(1, count: 5).map(FigureRenderer.fractionLabel), ["-T", "-0.5T", "t=0", "0.5T", "T"])
        XCTAssertEqual(FigureRenderer.fractionLabel(-2.0 / 3), "-0.67T")
    }

    func testPermutationsListEveryOrderOnce() {
        XCTAssertEqual(FigureRenderer.permutations([1, 2, 3]), [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]])
        XCTAssertEqual(FigureRenderer.permutations(["a"]), [["a"]])
    }

    /// An editor of several seeds is drawn as its first seed (that seed's editor file and
    /// matched direction), so its figures take the first seed's calibrated T_j, not the
    /// mean over seeds; without seeds, the table's own T_j; without one, the fixed T.
    func testFiguresOfSeveralSeedsTakeTheFirstSeedsStrength() {
        let r = renderer(RenderFixtures.renderConfig())
        let results = RenderFixtures.results(editors: ["linear"])
        var seed0 = results.editors["linear"]!, seed1 = seed0
        seed0.strength["V"] = 1.0
        seed1.strength["V"] = 3.0
        var combined = SeedAggregation.combine([seed0, seed1])!
        XCTAssertEqual(combined.strength["V"], 2.0)
        XCTAssertEqual(r.strength(combined, "V", results), 1.0)
        XCTAssertEqual(r.strength(seed1, "V", results), 3.0)
        combined.seeds = nil
        combined.strength["V"] = nil
        XCTAssertEqual(r.strength(combined, "V", results), 3, "the fixed T of the protocol")
    }

    /// Along a V edit of the translation editor, V grows and H stays put.
    func testSideEffectPlotMeasuresTheEditedAttribute() throws {
        let config = RenderFixtures.renderConfig(latents: 3, steps: 5)
        let r = renderer(config)
        let z = r.latents
        let amounts = RenderImages.symmetric(1.5, count: 5)
        let path = r.generatePath(.init(name: "axis", edit: AxisEditor()), direction: 0, amounts: amounts, from: z)
        let base = r.generator.generate(z)
        let v = FigureRenderer.meanChange(VerticalPosition(), along: path, points: 5, from: base, sigma: 1)
        let h = FigureRenderer.meanChange(HorizontalPosition(), along: path, points: 5, from: base, sigma: 1)
        XCTAssertEqual(v[2], 0, accuracy: 1e-9)
        XCTAssertGreaterThan(v[4], 1)
        XCTAssertLessThan(v[0], -1)
        XCTAssertEqual(v, v.sorted())
        XCTAssertLessThan(h.map(abs).max() ?? 1, 0.2)
    }

    /// The stage itself, on artifacts made from the real types: a random dcgan32
    /// generator, a linear and a SeFa editor saved as their stages save them.
    func testRenderStageDrawsFromArtifactFolders() throws {
        let runs = try temporaryFolder()
        func folder(_ name: String) throws -> URL {
            let url = runs.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        let d = 8
        var rng = RNG(seed: 1)
        let generatorFolder = try folder("generator")
        try DCGAN32Generator(latentDim: d, width: 4, channels: 3, rng: &rng)
            .save(to: generatorFolder.appendingPathComponent("generator.safetensors"))
        try RenderFixtures.writeManifest("toy/generator", config: ["width": 4], seed: 2, to: generatorFolder)

        let linearFolder = try folder("editor-linear")
        try EditorFile.save(LinearEditor(latentDim: d, directions: 4, rng: &rng), to: linearFolder.appendingPathComponent("editor.safetensors"))
        var linear = EditorConfig(kind: .linear)
        linear.directions = 4
        try RenderFixtures.writeManifest("toy/editor-linear", config: EditorSection(editor: linear, latentDim: d), seed: 4, to: linearFolder)

        let sefaFolder = try folder("editor-sefa")
        let vectors = (0..<4).map { k in (0..<d).map { $0 == k ? 1.0 : 0.0 } }
        try EditorFile.save(ClosedFormEditor(method: "sefa", vectors: vectors, scores: [4, 3, 2, 1], latentDim: d),
                            to: sefaFolder.appendingPathComponent("editor.safetensors"))
        var sefa = EditorConfig(kind: .sefa)
        sefa.directions = 4
        try RenderFixtures.writeManifest("toy/editor-sefa", config: EditorSection(editor: sefa, latentDim: d), seed: 5, to: sefaFolder)

        let evaluateFolder = try folder("evaluate")
        try ArtifactJSON.write(RenderFixtures.results(editors: ["linear", "sefa"]), to: evaluateFolder.appendingPathComponent("results.json"))
        try RenderFixtures.writeManifest("toy/evaluate", config: ["latents": 8], seed: 6, to: evaluateFolder)

        let dataFolder = try folder("data")
        try RenderFixtures.writeManifest("toy/data", config: DataSection(dataset: DatasetConfig(kind: .sprites, count: 100), files: [:]),
                                         seed: 7, to: dataFolder)

        let out = try folder("render")
        let inputs = ["toy/data": dataFolder, "toy/generator": generatorFolder, "toy/editor-linear": linearFolder,
                      "toy/editor-sefa": sefaFolder, "toy/evaluate": evaluateFolder]
        let section = RenderSection(render: RenderFixtures.renderConfig(latents: 2, steps: 3, frames: 3), attributes: RenderFixtures.keys,
                                    editors: ["linear", "sefa"])
        try RenderStage.run(section, RenderFixtures.quietContext("toy/render", inputs: inputs), out)

        let results = try ArtifactJSON.decode(Results.self, from: out.appendingPathComponent("results.json"))
        let paths = RenderFixtures.figurePaths(results)
        XCTAssertNotNil(results.figures?.realSamples, "real samples are regenerated from the data config")
        XCTAssertEqual(paths.count, 2 + 8 + 2 * 9)
        for path in paths { XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path), path) }

        // Held-out latents come from the evaluate stage's seed: rendering again gives the same bytes.
        let again = try folder("render-again")
        try RenderStage.run(section, RenderFixtures.quietContext("toy/render", inputs: inputs), again)
        for path in paths {
            XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent(path)), try Data(contentsOf: again.appendingPathComponent(path)), path)
        }
    }

    func testAMissingEditorFileIsATypedErrorNamingIt() throws {
        let folder = try temporaryFolder()
        XCTAssertThrowsError(try RenderInputs.editor(in: folder, latentDim: 8)) { error in
            XCTAssertTrue("\(error)".contains("editor.safetensors"), "\(error)")
            XCTAssertTrue("\(error)".contains("--force editor"), "\(error)")
        }
    }
}
