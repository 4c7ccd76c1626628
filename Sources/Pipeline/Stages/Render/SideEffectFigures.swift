import ArtifactContract
import Datasets
import Evaluation
import Foundation
import Render

extension FigureRenderer {
    /// The side-effect strip of attribute `key`: one row per editor that matched
    /// it, images of held-out latent 0 along phi_{k(j)}^{s_j u T_j} for u evenly in
    /// [-1, 1] (columns labelled in units of each editor's own T_j, signed so the
    /// attribute grows to the right: t=T is the calibrated strength of every editor); beneath, per editor, every measured attribute's
    /// mean change (a_l(G(phi z)) - a_l(G(z))) / sigma_l over the rendered latents.
    /// Nil when no editor matched the attribute.
    func sideEffectStrip(_ key: String, results: Results, editors: [Editor],
                         folder: FigureFolder) throws -> SideEffectStripFigure? {
        let u = RenderImages.symmetric(1, count: settings.steps)
        let z = latents.rows(0..<min(settings.latents, latents.count))
        let measured: [(attribute: Attribute, measurer: any AttributeMeasurer)] = results.attributes.compactMap { a in
            guard a.std > 0, a.std.isFinite, let m = measurer(a.key) else { return nil }
            return (a, m)
        }
        let unedited = measured.isEmpty ? nil : generator.generate(z)

        var rows: [(editor: String, images: [PixelImage])] = []
        var panels: [(editor: String, series: [(name: String, values: [Double])])] = []
        for editor in editors {
            guard let editorResults = results.editors[editor.name],
                  let match = editorResults.matching.first(where: { $0.attribute == key }),
                  match.direction >= 0, match.direction < editor.edit.directions else { continue }
            // The traversal's path (t ascending from -T_j to T_j of direction k), read in
            // reverse when s_j = -1 so that the attribute grows to the right.
            let amounts = RenderImages.symmetric(strength(editorResults, key, results), count: settings.steps)
            let batch = generatePath(editor, direction: match.direction, amounts: amounts, from: z)
            func oriented<T>(_ values: [T]) -> [T] { match.sign < 0 ? values.reversed() : values }
            let images = try RenderImages.pixelImages(batch)
            rows.append((editor.name, oriented(amounts.indices.map { images[$0 * z.count] })))
            if let unedited {
                panels.append((editor.name, measured.map { a, m in
                    (a.key, oriented(Self.meanChange(m, along: batch, points: amounts.count, from: unedited, sigma: a.std)))
                }))
            }
        }
        guard !rows.isEmpty else { return nil }
        if panels.isEmpty { panels = rows.map { ($0.editor, [(name: key, values: [Double](repeating: .nan, count: u.count))]) } }
        let (image, plot) = try Figures.sideEffectStrip(attribute: key, t: u, rows: rows, measured: panels,
                                                        columnLabels: u.map(Self.fractionLabel), xLabel: "t / T")
        let name = "figures/side_effects/\(try RenderImages.fileName(key))"
        return SideEffectStripFigure(attribute: key, image: try folder.png(image, name + ".png"),
                                     plot: try folder.svg(plot, name + ".svg"))
    }

    /// Column label of u = t / T_j: "-T", "-0.5T", "t=0", "0.5T", "T" (short, so that
    /// seven or more columns of 32 px images keep their labels apart).
    static func fractionLabel(_ u: Double) -> String {
        if abs(u) < 1e-9 { return "t=0" }
        if abs(abs(u) - 1) < 1e-9 { return u < 0 ? "-T" : "T" }
        var s = SVG.fmt(u, 2)
        while s.hasSuffix("0") { s.removeLast() }
        return s + "T"
    }

    /// Mean over latents b of (a(path[p, b]) - a(base[b])) / sigma, per point p;
    /// `path` holds P blocks of B images (point-major), `base` the B unedited images.
    static func meanChange(_ measurer: any AttributeMeasurer, along path: ImageBatch, points: Int,
                           from base: ImageBatch, sigma: Double) -> [Double] {
        let b = base.count
        let reference = (0..<b).map { measurer.measure(base.image(at: $0)) }
        return (0..<points).map { p in
            let changes = (0..<b).map { measurer.difference(measurer.measure(path.image(at: p * b + $0)), reference[$0]) }
            return changes.reduce(0, +) / Double(max(b, 1)) / sigma
        }
    }
}
