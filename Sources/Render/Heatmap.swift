/// SVG heatmap of a square matrix (e.g. the side-effect matrix S[j][l]):
/// the value in each cell, a colour scale with a legend, the diagonal outlined.
public struct Heatmap: Sendable {
    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    public var matrix: [[Double]]
    /// Values at or above `scaleMax` get the deepest colour; the diagonal (100 by definition) is not coloured.
    public var scaleMax: Double?
    public var markDiagonal = true
    public var unit = "%"
    /// One line above the matrix saying what rows and columns are.
    public var caption = "row: edited · column: measured"
    /// Decimals of the printed values.
    public var digits = 1
    /// Cell side in SVG units.
    public var cell = 46

    public init(title: String, rowLabels: [String], columnLabels: [String], matrix: [[Double]], scaleMax: Double? = nil) {
        self.title = title; self.rowLabels = rowLabels; self.columnLabels = columnLabels; self.matrix = matrix
        self.scaleMax = scaleMax
    }

    public func svg() throws -> String {
        guard matrix.count == rowLabels.count, matrix.allSatisfy({ $0.count == columnLabels.count }) else {
            throw RenderError.badFigure("heatmap '\(title)': matrix is not \(rowLabels.count)x\(columnLabels.count)")
        }
        let cell = self.cell, left = 60, top = 44, legendH = 46
        let n = rowLabels.count, m = columnLabels.count
        let offDiag = matrix.enumerated().flatMap { i, row in row.enumerated().filter { !markDiagonal || $0.offset != i }.map(\.element) }
        let vmax = scaleMax ?? max(offDiag.filter(\.isFinite).max() ?? 1, 1e-9)
        let width = max(left + m * cell + 16, 300), height = top + n * cell + legendH
        var s = SVG.open(width: width, height: height, title: title)
        s += "<text x=\"\(left)\" y=\"16\" class=\"muted\">\(SVG.escape(caption))</text>\n"
        for (c, label) in columnLabels.enumerated() {
            s += "<text x=\"\(left + c * cell + cell / 2)\" y=\"\(top - 8)\" text-anchor=\"middle\">\(SVG.escape(label))</text>\n"
        }
        for (r, label) in rowLabels.enumerated() {
            s += "<text x=\"\(left - 8)\" y=\"\(top + r * cell + cell / 2 + 4)\" text-anchor=\"end\">\(SVG.escape(label))</text>\n"
            for c in 0..<m {
                let v = matrix[r][c], x = left + c * cell, y = top + r * cell
                let diag = markDiagonal && r == c
                let (fill, dark) = diag ? ("#d9d9d9", false) : SVG.heat(v / vmax)
                s += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(fill)\""
                s += diag ? " stroke=\"#555\" stroke-width=\"2\" stroke-dasharray=\"4 2\"" : ""
                s += "><title>\(SVG.escape(rowLabels[r])) → \(SVG.escape(columnLabels[c])): \(SVG.fmt(v))\(unit)</title></rect>\n"
                let color = dark ? "#fff" : "#222"
                s += "<text class=\"cell-text\" x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell / 2 + 3)\" text-anchor=\"middle\" style=\"fill:\(color)\">\(SVG.fmt(v, v >= 100 ? 0 : digits))</text>\n"
            }
        }
        // Legend: a 0..vmax gradient.
        let ly = top + n * cell + 14, lw = min(m * cell, 200)
        s += "<defs><linearGradient id=\"heat\">"
        for i in 0...4 { s += "<stop offset=\"\(i * 25)%\" stop-color=\"\(SVG.heat(Double(i) / 4).0)\"/>" }
        s += "</linearGradient></defs>\n"
        s += "<rect x=\"\(left)\" y=\"\(ly)\" width=\"\(lw)\" height=\"10\" fill=\"url(#heat)\"/>\n"
        s += "<text x=\"\(left)\" y=\"\(ly + 24)\" class=\"muted\">0\(unit)</text>\n"
        s += "<text x=\"\(left + lw)\" y=\"\(ly + 24)\" class=\"muted\" text-anchor=\"end\">≥ \(SVG.fmt(vmax, digits))\(unit)</text>\n"
        s += "</svg>\n"
        return s
    }
}
