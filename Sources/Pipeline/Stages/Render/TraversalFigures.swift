import ArtifactContract
import Evaluation
import Foundation
import Render

extension FigureRenderer {
    /// Per matched attribute: the traversal strip of its direction k (rows the
    /// held-out latents, columns t evenly from -T_j to T_j of direction k itself,
    /// t = 0 framed) and the slider's sprite sheet (frames of latent 0 over the same range, an odd count).
    func traversals(_ editor: Editor, _ editorResults: EditorResults, of results: Results,
                    folder: FigureFolder) throws -> [TraversalFigure] {
        var figures: [TraversalFigure] = []
        let shown = latents.rows(0..<min(settings.latents, latents.count))
        for match in editorResults.matching where match.direction >= 0 && match.direction < editor.edit.directions {
            let tMax = strength(editorResults, match.attribute, results)
            let name = "figures/\(try RenderImages.fileName(editor.name))/traversal_\(try RenderImages.fileName(match.attribute))"

            let t = RenderImages.symmetric(tMax, count: settings.steps)
            let rows = try pathImages(editor, direction: match.direction, amounts: t, from: shown)
            let strip = try Figures.traversalStrip(rows, t: t, rowLabels: rows.indices.map { "z\($0 + 1)" })

            let frames = try pathImages(editor, direction: match.direction,
                                        amounts: RenderImages.symmetric(tMax, count: Self.oddFrames(settings.frames)),
                                        from: shown.rows(0..<1))[0]
            let scale = 4
            let sheet = try Slider.spriteSheet(frames, scale: scale)
            figures.append(TraversalFigure(
                direction: match.direction, attribute: match.attribute,
                strip: try folder.png(strip, name + ".png"), sprite: try folder.png(sheet, name + "_slider.png"),
                frames: frames.count, frameWidth: frames[0].width * scale, frameHeight: frames[0].height * scale, tMax: tMax))
        }
        return figures
    }

    /// The slider's frame count: `render.frames`, plus one when even, so that t = 0 is a
    /// frame and the slider's middle position (where it starts) is the unedited image.
    static func oddFrames(_ frames: Int) -> Int { frames % 2 == 0 ? frames + 1 : frames }
}
