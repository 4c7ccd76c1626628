/// SVG grouped bar chart: one group per category (e.g. attribute pair), one
/// bar per series (e.g. editor), a y axis with ticks and a legend.
public struct GroupedBarChart: Sendable {
    public var title: String
    public var yLabel: String
    public var categories: [String]
    /// Series name and one value per category (NaN = missing).
    public var series: [(name: String, values: [Double])]

    public init(title: String, yLabel: String, categories: [String], series: [(name: String, values: [Double])]) {
        self.title = title; self.yLabel = yLabel; self.categories = categories; self.series = series
    }

    public func svg() throws -> String {
        guard !categories.isEmpty, !series.isEmpty else { throw RenderError.badFigure("bar chart '\(title)' has no data") }
        for s in series where s.values.count != categories.count {
            throw RenderError.badFigure("bar chart '\(title)': series \(s.name) has \(s.values.count) values for \(categories.count) categories")
        }
        let bar = 14, groupGap = 20, left = 56, top = 16, plotH = 200
        let groupW = series.count * bar + groupGap
        let plotW = categories.count * groupW
        let legendColumn = 24 + 7 * (series.map(\.name.count).max() ?? 8)
        let perRow = max(1, (max(left + plotW + 12, 320) - left) / legendColumn)
        let legendRows = (series.count + perRow - 1) / perRow
        let width = max(left + plotW + 12, 320), height = top + plotH + 40 + legendRows * 18 + 8
        let vmax = series.flatMap(\.values).filter(\.isFinite).max() ?? 1
        let (ymax, step) = SVG.niceScale(vmax)
        func y(_ v: Double) -> Double { Double(top) + Double(plotH) * (1 - min(max(v, 0), ymax) / ymax) }
        var s = SVG.open(width: width, height: height, title: title)
        var t = 0.0
        while t <= ymax + step / 2 {
            let yy = y(t)
            s += "<line class=\"grid\" x1=\"\(left)\" x2=\"\(left + plotW)\" y1=\"\(SVG.fmt(yy))\" y2=\"\(SVG.fmt(yy))\"/>\n"
            s += "<text class=\"muted\" x=\"\(left - 6)\" y=\"\(SVG.fmt(yy + 4))\" text-anchor=\"end\">\(SVG.fmt(t, step < 1 ? 2 : 0))</text>\n"
            t += step
        }
        s += "<text class=\"muted\" transform=\"translate(12 \(top + plotH / 2)) rotate(-90)\" text-anchor=\"middle\">\(SVG.escape(yLabel))</text>\n"
        for (g, cat) in categories.enumerated() {
            let gx = left + g * groupW + groupGap / 2
            for (k, ser) in series.enumerated() {
                let v = ser.values[g]
                guard v.isFinite else { continue }
                let x = gx + k * bar, yy = y(v)
                s += "<rect x=\"\(x)\" y=\"\(SVG.fmt(yy))\" width=\"\(bar - 2)\" height=\"\(SVG.fmt(Double(top + plotH) - yy))\" fill=\"\(SVG.palette[k % SVG.palette.count])\">"
                s += "<title>\(SVG.escape(ser.name)), \(SVG.escape(cat)): \(SVG.fmt(v, 2))</title></rect>\n"
            }
            s += "<text x=\"\(gx + series.count * bar / 2)\" y=\"\(top + plotH + 16)\" text-anchor=\"middle\">\(SVG.escape(cat))</text>\n"
        }
        s += "<line class=\"axis\" x1=\"\(left)\" x2=\"\(left + plotW)\" y1=\"\(top + plotH)\" y2=\"\(top + plotH)\"/>\n"
        s += "<line class=\"axis\" x1=\"\(left)\" x2=\"\(left)\" y1=\"\(top)\" y2=\"\(top + plotH)\"/>\n"
        s += Legend.svg(names: series.map(\.name), x: left, y: top + plotH + 36, columnWidth: legendColumn, perRow: perRow)
        s += "</svg>\n"
        return s
    }
}

enum Legend {
    static func svg(names: [String], x: Int, y: Int, columnWidth: Int, perRow: Int = 3) -> String {
        var s = ""
        for (k, name) in names.enumerated() {
            let lx = x + (k % perRow) * columnWidth, ly = y + (k / perRow) * 18
            s += "<rect x=\"\(lx)\" y=\"\(ly - 9)\" width=\"10\" height=\"10\" fill=\"\(SVG.palette[k % SVG.palette.count])\"/>"
            s += "<text x=\"\(lx + 14)\" y=\"\(ly)\">\(SVG.escape(name))</text>\n"
        }
        return s
    }
}
