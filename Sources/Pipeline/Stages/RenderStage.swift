import ArtifactContract
import Datasets
import Evaluation
import Foundation
import Tensor

/// The `render` stage (DESIGN.md section 6): from the data, generator, editor and
/// evaluate artifacts, draws every figure under `figures/` and writes a copy of
/// results.json whose `figures` fields point at them:
///
///     results.json                                  evaluate's, plus figures
///     figures/real_samples.png, generated_samples.png
///     figures/EDITOR/traversal_ATTR.png             rows held-out latents, columns t in [-T_j, T_j]
///     figures/EDITOR/traversal_ATTR_slider.png      slider sprite sheet (render.frames frames)
///     figures/EDITOR/commutativity.png              the O/V/B/S grid
///     figures/side_effects/ATTR.png, ATTR.svg       every editor on one attribute, attributes plotted
///
/// Heatmaps and bar charts are not drawn here: the site draws them from results.json.
public enum RenderStage {
    /// Generator samples in the grid (8 x 8).
    public static let sampleCount = 64

    /// How many figures the results.json of a render artifact names.
    public static func figureCount(in folder: URL) throws -> Int {
        try ArtifactJSON.decode(Results.self, from: folder.appendingPathComponent(ResultsFolder.resultsFile)).figurePaths.count
    }

    public static func run(_ section: RenderSection, _ context: StageContext, _ out: URL) throws {
        BLAS.setThreads(context.threads)
        let evaluate = try context.input("evaluate")
        let results = try RenderInputs.results(in: evaluate)
        let generator = try RenderInputs.generator(in: context.input("generator"))

        var editors: [FigureRenderer.Editor] = []
        for name in section.editors {
            guard results.editors[name] != nil else {
                context.progress.log("\(context.stageName): editor \(name) has no results in results.json; not drawn")
                continue
            }
            let editor = try RenderInputs.editor(in: context.input("editor-\(name)"), latentDim: generator.latentDim)
            editors.append(.init(name: name, edit: LatentEditorFunction(editor)))
        }
        guard !editors.isEmpty else { throw RenderStageError.noEditors(experiment: results.experiment) }

        let latents = try RenderInputs.heldOutLatents(evaluateFolder: evaluate, count: max(sampleCount, section.render.latents),
                                                      dim: generator.latentDim)
        var renderer = FigureRenderer(settings: section.render, generator: LayerGenerator(generator),
                                      latents: latents.rows(0..<section.render.latents),
                                      sampleLatents: latents.rows(0..<sampleCount))
        let task = context.task(total: FigureRenderer.groups(editors: editors.count, attributes: results.attributes.count))
        var done = 0
        renderer.progress = { _ in done += 1; task.update(done) }

        // Real samples: the data stage's own grid when it wrote one, else regenerated from its config.
        let data = try context.input("data")
        let dataGrid = data.appendingPathComponent(RenderInputs.samplesFile)
        let hasDataGrid = FileManager.default.fileExists(atPath: dataGrid.path)
        let real = hasDataGrid ? nil : try RenderInputs.realImages(dataFolder: data, count: sampleCount)

        var rendered = try renderer.render(results: results, editors: editors, realImages: real, into: out)
        if hasDataGrid {
            let path = "figures/real_samples.png"
            try AtomicWrite.write(try Data(contentsOf: dataGrid), to: out.appendingPathComponent(path))
            rendered.figures?.realSamples = path
        }
        task.finish()
        try ArtifactJSON.write(rendered, to: out.appendingPathComponent(ResultsFolder.resultsFile))
    }
}
