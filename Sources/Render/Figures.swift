/// Figure builders (DESIGN.md section 6). Each takes plain data (images,
/// numbers, labels), never a model, and returns a PNG-ready image or SVG text.
public enum Figures {
    /// Column label of strength t: at most two decimals, trailing zeros dropped.
    public static func tLabel(_ t: Double) -> String {
        var s = SVG.fmt(t, 2)
        while s.contains("."), s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return "t=" + s
    }

    /// Traversal strip: rows are latents, columns t from -T to T; the t = 0
    /// column (nearest to zero) is framed.
    public static func traversalStrip(_ images: [[PixelImage]], t: [Double], rowLabels: [String] = [],
                                      composer: GridComposer = GridComposer()) throws -> PixelImage {
        guard !t.isEmpty, images.allSatisfy({ $0.count == t.count }) else {
            throw RenderError.badFigure("traversal strip: every row needs \(t.count) images, one per t")
        }
        let zero = t.indices.min { abs(t[$0]) < abs(t[$1]) } ?? 0
        return try composer.compose(images.map { $0.map(Optional.some) }, rowLabels: rowLabels,
                                    columnLabels: t.map(tLabel),
                                    highlights: images.indices.map { .init(row: $0, column: zero) })
    }

    /// One row of the commutativity grid: the images after each forward edit,
    /// then after each undo (the last is compared with the original O).
    public struct CommutativityRow: Sendable {
        public var label: String
        public var forward: [PixelImage]
        public var undone: [PixelImage]
        public init(label: String, forward: [PixelImage], undone: [PixelImage]) {
            self.label = label; self.forward = forward; self.undone = undone
        }
    }

    /// Commutativity grid (the paper's O/V/B/S figure): columns O, the forward
    /// edits, the undos, O again beside the last undo, and |last - O| (gain 4).
    /// The last undo and O are framed.
    public static func commutativityGrid(original: PixelImage, rows: [CommutativityRow], editLabels: [String],
                                         composer: GridComposer = GridComposer()) throws -> PixelImage {
        guard let first = rows.first else { throw RenderError.badFigure("commutativity grid has no rows") }
        let f = first.forward.count, u = first.undone.count
        guard f > 0, u > 0, rows.allSatisfy({ $0.forward.count == f && $0.undone.count == u }) else {
            throw RenderError.badFigure("commutativity grid: every row needs \(f) edits and \(u) undos")
        }
        var cells: [[PixelImage?]] = []
        for row in rows {
            let last = row.undone[u - 1]
            cells.append([original] + row.forward + row.undone + [original, try PixelImage.difference(last, original, gain: 4)])
        }
        let labels = ["O"] + (0..<f).map { $0 < editLabels.count ? "+" + editLabels[$0] : "+" }
            + (0..<u).map { "undo \($0 + 1)" } + ["O", "|diff|x4"]
        var hl: [GridComposer.Highlight] = []
        for r in rows.indices {
            hl.append(.init(row: r, column: f + u, color: .highlight))
            hl.append(.init(row: r, column: f + u + 1, color: .accent))
        }
        return try composer.compose(cells, rowLabels: rows.map(\.label), columnLabels: labels, highlights: hl)
    }

    /// Side-effect strip: the same attribute edited by each editor, one row per
    /// editor (images along the path), and an SVG plot of every measured
    /// attribute (units of sigma) along the path beneath, one panel per editor.
    /// `columnLabels` replace the "t=..." labels and `xLabel` the plot's "t" when t is in other units.
    public static func sideEffectStrip(attribute: String, t: [Double], rows: [(editor: String, images: [PixelImage])],
                                       measured: [(editor: String, series: [(name: String, values: [Double])])],
                                       columnLabels: [String]? = nil, xLabel: String = "t",
                                       composer: GridComposer = GridComposer()) throws -> (image: PixelImage, plot: String) {
        guard rows.allSatisfy({ $0.images.count == t.count }) else {
            throw RenderError.badFigure("side-effect strip \(attribute): every row needs \(t.count) images")
        }
        let zero = t.indices.min { abs(t[$0]) < abs(t[$1]) } ?? 0
        let image = try composer.compose(rows.map { $0.images.map(Optional.some) }, rowLabels: rows.map(\.editor),
                                         columnLabels: columnLabels ?? t.map(tLabel),
                                         highlights: rows.indices.map { .init(row: $0, column: zero) })
        let plot = try LinePlot(title: "Every attribute along the \(attribute) edit", x: t, xLabel: xLabel,
                                yLabel: "Δ/σ", panels: measured.map { .init(title: $0.editor, series: $0.series) }).svg()
        return (image, plot)
    }
}
