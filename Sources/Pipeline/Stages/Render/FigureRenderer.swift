import ArtifactContract
import Datasets
import Evaluation
import Foundation
import Render

/// The model work behind the figures of DESIGN.md section 6: it generates
/// images along edit paths and hands plain images and numbers to Render's
/// figure builders. It sees the generator and the editors only through the
/// metric abstractions (`ImageGenerator`, `EditFunction`), so tests drive it
/// with toy models and the render stage with adapters over the trained ones.
///
/// Shape letters: B latents, D latent size, P points along a path.
public struct FigureRenderer {
    /// One editor: its name in results.json and its edit phi_k^t.
    public struct Editor {
        public var name: String
        public var edit: any EditFunction
        public init(name: String, edit: any EditFunction) { self.name = name; self.edit = edit }
    }

    public var settings: RenderConfig
    public var generator: any ImageGenerator
    /// Held-out latents [B, D] (the evaluation's held-out set, first rows): the rows of
    /// traversal strips, the measured paths of side-effect plots; row 0 is the original O.
    public var latents: LatentBatch
    /// Latents of the generator sample grid.
    public var sampleLatents: LatentBatch
    /// Measurers that may apply; an attribute of results.json is measured by the one with its key.
    public var measurers: [any AttributeMeasurer]
    /// Called once per finished figure group, for progress.
    public var progress: (String) -> Void = { _ in }
    let cache = PathCache()

    public init(settings: RenderConfig, generator: any ImageGenerator, latents: LatentBatch, sampleLatents: LatentBatch,
                measurers: [any AttributeMeasurer] = AttributeMeasurers.sprites + AttributeMeasurers.digits) {
        self.settings = settings; self.generator = generator; self.latents = latents
        self.sampleLatents = sampleLatents; self.measurers = measurers
    }

    /// Figures per editor and experiment (group names, for progress totals).
    public static func groups(editors: Int, attributes: Int) -> Int { 1 + editors + attributes }

    /// Draws every figure under `root/figures/` and returns `results` with its
    /// `figures` fields pointing at them (paths relative to `root`).
    public func render(results: Results, editors: [Editor], realImages: ImageBatch?, into root: URL) throws -> Results {
        let folder = FigureFolder(root: root)
        var out = results
        var experiment = results.figures ?? ExperimentFigures()
        if let realImages, realImages.count > 0 {
            experiment.realSamples = try folder.png(try RenderImages.sampleGrid(RenderImages.pixelImages(realImages)),
                                                    "figures/real_samples.png")
        }
        experiment.generatedSamples = try folder.png(
            try RenderImages.sampleGrid(RenderImages.pixelImages(generator.generate(sampleLatents))), "figures/generated_samples.png")
        progress("samples")

        for editor in editors {
            guard var editorResults = out.editors[editor.name] else { continue }
            var figures = editorResults.figures ?? EditorFigures()
            figures.traversals = try traversals(editor, editorResults, of: results, folder: folder)
            figures.commutativityGrid = try commutativityGrid(editor, editorResults, of: results, folder: folder)
            editorResults.figures = figures
            out.editors[editor.name] = editorResults
            progress(editor.name)
        }

        var strips: [SideEffectStripFigure] = []
        for attribute in results.attributes {
            if let strip = try sideEffectStrip(attribute.key, results: results, editors: editors, folder: folder) {
                strips.append(strip)
            }
            progress("side effects of \(attribute.key)")
        }
        experiment.sideEffectStrips = strips.isEmpty ? nil : strips
        out.figures = experiment
        return out
    }

    /// T_j of an editor for an attribute: its calibrated strength, else the fixed T.
    func strength(_ editor: EditorResults, _ attribute: String, _ results: Results) -> Double {
        // The calibrated T_j when present, else the fixed T of the protocol (DESIGN.md 5).
        // The figures draw the first seed's editor along the first seed's matched direction,
        // so they take that seed's T_j, not the mean over seeds (calibrated for no editor).
        let drawn = editor.seeds?.perSeed.first ?? editor
        if let t = drawn.strength[attribute], t.isFinite, t > 0 { return t }
        return results.evaluationProtocol?.fixedT ?? 3
    }

    /// Latents moved along direction k by each amount: P blocks of B rows (amount-major).
    func path(_ edit: any EditFunction, direction k: Int, amounts: [Double], from z: LatentBatch) -> LatentBatch {
        LatentBatch.concatenating(amounts.map { edit.edit(z, direction: k, amount: $0) })
    }

    /// G of a path (P blocks of B images, amount-major). Memoised per editor, direction,
    /// amounts and latents: a traversal strip and the side-effect strip of the same
    /// attribute walk the same path, so it is generated once.
    func generatePath(_ editor: Editor, direction k: Int, amounts: [Double], from z: LatentBatch) -> ImageBatch {
        let key = PathCache.Key(editor: editor.name, direction: k, amounts: amounts, latents: z.values)
        if let batch = cache.batches[key] { return batch }
        let batch = generator.generate(path(editor.edit, direction: k, amounts: amounts, from: z))
        cache.batches[key] = batch
        return batch
    }

    /// Images of a path, as `[latent][point]`.
    func pathImages(_ editor: Editor, direction k: Int, amounts: [Double], from z: LatentBatch) throws -> [[PixelImage]] {
        let images = try RenderImages.pixelImages(generatePath(editor, direction: k, amounts: amounts, from: z))
        return (0..<z.count).map { b in amounts.indices.map { images[$0 * z.count + b] } }
    }

    /// The measurer of an attribute key, if one applies.
    func measurer(_ key: String) -> (any AttributeMeasurer)? { AttributeMeasurers.measurer(forKey: key, in: measurers) }
}

/// Generated paths of one render, by editor, direction, amounts and latents.
final class PathCache {
    struct Key: Hashable {
        var editor: String
        var direction: Int
        var amounts: [Double]
        var latents: [Float]
    }
    var batches: [Key: ImageBatch] = [:]
}

extension Results {
    /// Every figure path this results.json names (relative to its folder), experiment
    /// figures first, then each editor's in `editorNames` order.
    public var figurePaths: [String] {
        var paths = [figures?.realSamples, figures?.generatedSamples].compactMap { $0 }
        for strip in figures?.sideEffectStrips ?? [] { paths += [strip.image] + (strip.plot.map { [$0] } ?? []) }
        for name in editorNames {
            let f = editors[name]?.figures
            paths += f?.commutativityGrid.map { [$0] } ?? []
            for t in f?.traversals ?? [] { paths += [t.strip] + (t.sprite.map { [$0] } ?? []) }
        }
        return paths
    }
}
