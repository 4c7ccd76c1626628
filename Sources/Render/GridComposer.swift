/// Lays images out in a labelled grid: rows x columns of equal cells, a gap
/// between cells, row labels on the left, column labels on top, every image
/// upscaled by an integer factor (nearest neighbour: 32 px sprites stay crisp
/// at 3-4x), optional highlight frames around chosen cells.
public struct GridComposer: Sendable {
    public var scale: Int = 3
    public var gap: Int = 4
    public var margin: Int = 6
    public var textScale: Int = 1
    public var background: RGB = .white
    public var labelColor: RGB = .ink
    /// Frame thickness of highlighted cells (drawn inside the gap).
    public var frame: Int = 2

    /// Labels are drawn at 2x beside images upscaled 3x or more, so they stay
    /// legible when a browser shrinks a wide figure to a phone screen.
    public init(scale: Int = 3, gap: Int = 4) {
        self.scale = max(1, scale); self.gap = max(0, gap); self.textScale = scale >= 3 ? 2 : 1
    }

    /// A cell to frame, with its colour.
    public struct Highlight: Sendable {
        public var row: Int, column: Int, color: RGB
        public init(row: Int, column: Int, color: RGB = .highlight) { self.row = row; self.column = column; self.color = color }
    }

    /// Composes `cells[row][column]`; a nil cell is left blank. All images must
    /// share one size. Labels may be empty.
    public func compose(_ cells: [[PixelImage?]], rowLabels: [String] = [], columnLabels: [String] = [],
                        highlights: [Highlight] = []) throws -> PixelImage {
        guard let first = cells.lazy.flatMap({ $0 }).compactMap({ $0 }).first else {
            throw RenderError.badFigure("grid has no images")
        }
        let rows = cells.count, cols = cells.map(\.count).max() ?? 0
        for row in cells { for case let img? in row where img.width != first.width || img.height != first.height {
            throw RenderError.badFigure("grid images differ in size: \(img.width)x\(img.height) vs \(first.width)x\(first.height)")
        } }
        let cw = first.width * scale, ch = first.height * scale
        let lineH = BitmapFont.glyphHeight * textScale
        let labelW = rowLabels.map { BitmapFont.width($0, scale: textScale) }.max().map { $0 > 0 ? $0 + gap + 2 : 0 } ?? 0
        let labelH = columnLabels.contains { !$0.isEmpty } ? lineH + gap + 2 : 0
        let width = 2 * margin + labelW + cols * cw + max(0, cols - 1) * gap
        let height = 2 * margin + labelH + rows * ch + max(0, rows - 1) * gap
        var out = PixelImage(width: width, height: height, color: background)
        let x0 = margin + labelW, y0 = margin + labelH

        for (c, label) in columnLabels.enumerated() where c < cols {
            let w = BitmapFont.width(label, scale: textScale)
            BitmapFont.draw(label, into: &out, x: x0 + c * (cw + gap) + (cw - w) / 2, y: margin, scale: textScale, color: labelColor)
        }
        for (r, label) in rowLabels.enumerated() where r < rows {
            let w = BitmapFont.width(label, scale: textScale)
            BitmapFont.draw(label, into: &out, x: margin + labelW - gap - 2 - w, y: y0 + r * (ch + gap) + (ch - lineH) / 2,
                            scale: textScale, color: labelColor)
        }
        for (r, row) in cells.enumerated() {
            for (c, cell) in row.enumerated() {
                guard let img = cell else { continue }
                blit(img.upscaled(scale), into: &out, x: x0 + c * (cw + gap), y: y0 + r * (ch + gap))
            }
        }
        for h in highlights where h.row < rows && h.column < cols {
            let x = x0 + h.column * (cw + gap), y = y0 + h.row * (ch + gap)
            drawFrame(into: &out, x: x - frame, y: y - frame, w: cw + 2 * frame, h: ch + 2 * frame, t: frame, color: h.color)
        }
        return out
    }

    func blit(_ img: PixelImage, into out: inout PixelImage, x: Int, y: Int) {
        for yy in 0..<img.height { for xx in 0..<img.width { out.set(x + xx, y + yy, img.rgb(xx, yy)) } }
    }

    func drawFrame(into out: inout PixelImage, x: Int, y: Int, w: Int, h: Int, t: Int, color: RGB) {
        for yy in y..<(y + h) {
            for xx in x..<(x + w) where yy < y + t || yy >= y + h - t || xx < x + t || xx >= x + w - t {
                out.set(xx, yy, color)
            }
        }
    }
}
