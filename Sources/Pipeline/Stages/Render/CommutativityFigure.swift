import ArtifactContract
import Evaluation
import Foundation
import Render

extension FigureRenderer {
    /// The paper's O/V/B/S figure for one editor: from the original O (held-out
    /// latent 0), the edits phi_j = phi_{k(j)}^{s_j T_j} of the attributes in
    /// `render.commutativity` applied in every order (one row per order), then
    /// undone in the order they were applied (phi_l^-1 phi_j^-1 phi_l phi_j z, the
    /// round trip of the metric; undoing in reverse order would cancel for any
    /// editor). The last undo should equal O for a commutative editor.
    /// Nil when fewer than two of those attributes are matched.
    func commutativityGrid(_ editor: Editor, _ editorResults: EditorResults, of results: Results,
                           folder: FigureFolder) throws -> String? {
        let matched = Dictionary(editorResults.matching.map { ($0.attribute, $0) }, uniquingKeysWith: { first, _ in first })
        let edits: [MatchedEdit] = settings.commutativity.compactMap { key in
            guard let m = matched[key], m.direction >= 0, m.direction < editor.edit.directions else { return nil }
            return MatchedEdit(attribute: key, direction: m.direction, sign: m.sign,
                               strength: strength(editorResults, key, results))
        }
        guard edits.count >= 2, latents.count > 0 else { return nil }
        let original = latents.rows(0..<1)
        let orders = Self.permutations(edits)

        var states: [LatentBatch] = []
        for order in orders {
            var z = original
            for edit in order { z = edit.apply(z, with: editor.edit); states.append(z) }
            for edit in order { z = edit.invert(z, with: editor.edit); states.append(z) }
        }
        let images = try RenderImages.pixelImages(generator.generate(.concatenating([original] + states)))
        let n = edits.count
        let rows = orders.enumerated().map { i, order in
            let base = 1 + i * 2 * n
            return Figures.CommutativityRow(label: order.map(\.attribute).joined(separator: ","),
                                            forward: Array(images[base..<base + n]), undone: Array(images[base + n..<base + 2 * n]))
        }
        let grid = try Figures.commutativityGrid(original: images[0], rows: rows, editLabels: (1...n).map(String.init))
        return try folder.png(grid, "figures/\(try RenderImages.fileName(editor.name))/commutativity.png")
    }

    /// Every ordering of `items`, the given order first.
    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[T]] in
            var rest = items
            let head = rest.remove(at: i)
            return permutations(rest).map { [head] + $0 }
        }
    }
}
