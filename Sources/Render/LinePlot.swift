/// SVG small-multiple line plots: one panel per group (e.g. editor), one line
/// per series (e.g. measured attribute, in units of sigma) against a shared x
/// (e.g. t from -T to T). Used beneath side-effect strips.
public struct LinePlot: Sendable {
    public struct Panel: Sendable {
        public var title: String
        public var series: [(name: String, values: [Double])]
        public init(title: String, series: [(name: String, values: [Double])]) { self.title = title; self.series = series }
    }
    public var title: String
    public var x: [Double]
    public var xLabel: String
    public var yLabel: String
    public var panels: [Panel]

    public init(title: String, x: [Double], xLabel: String, yLabel: String, panels: [Panel]) {
        self.title = title; self.x = x; self.xLabel = xLabel; self.yLabel = yLabel; self.panels = panels
    }

    public func svg() throws -> String {
        guard x.count >= 2, !panels.isEmpty else { throw RenderError.badFigure("line plot '\(title)' needs 2+ points and a panel") }
        for p in panels { for s in p.series where s.values.count != x.count {
            throw RenderError.badFigure("line plot '\(title)': \(p.title)/\(s.name) has \(s.values.count) points for \(x.count)")
        } }
        let pw = 200, ph = 120, left = 40, top = 22, gap = 24
        let perRow = min(panels.count, 3), rows = (panels.count + perRow - 1) / perRow
        let names = panels.first?.series.map(\.name) ?? []
        let width = perRow * (left + pw + gap) + 8, height = rows * (top + ph + 30) + 30
        let all = panels.flatMap { $0.series.flatMap(\.values) }.filter(\.isFinite)
        let lo = min(all.min() ?? 0, 0), hi = max(all.max() ?? 1, lo + 1e-9)
        let xlo = x.first!, xhi = x.last! != xlo ? x.last! : xlo + 1
        var s = SVG.open(width: width, height: height, title: title)
        for (i, panel) in panels.enumerated() {
            let ox = (i % perRow) * (left + pw + gap) + left, oy = (i / perRow) * (top + ph + 30) + top
            func px(_ v: Double) -> Double { Double(ox) + Double(pw) * (v - xlo) / (xhi - xlo) }
            func py(_ v: Double) -> Double { Double(oy + ph) - Double(ph) * (v - lo) / (hi - lo) }
            s += "<text x=\"\(ox)\" y=\"\(oy - 6)\">\(SVG.escape(panel.title))</text>\n"
            s += "<rect x=\"\(ox)\" y=\"\(oy)\" width=\"\(pw)\" height=\"\(ph)\" fill=\"none\" class=\"axis\"/>\n"
            if lo < 0 && hi > 0 { s += "<line class=\"grid\" x1=\"\(ox)\" x2=\"\(ox + pw)\" y1=\"\(SVG.fmt(py(0)))\" y2=\"\(SVG.fmt(py(0)))\"/>\n" }
            s += "<text class=\"muted\" x=\"\(ox - 4)\" y=\"\(oy + 8)\" text-anchor=\"end\">\(SVG.fmt(hi))</text>"
            s += "<text class=\"muted\" x=\"\(ox - 4)\" y=\"\(oy + ph)\" text-anchor=\"end\">\(SVG.fmt(lo))</text>\n"
            s += "<text class=\"muted\" x=\"\(ox)\" y=\"\(oy + ph + 14)\">\(SVG.fmt(xlo))</text>"
            s += "<text class=\"muted\" x=\"\(ox + pw)\" y=\"\(oy + ph + 14)\" text-anchor=\"end\">\(SVG.fmt(xhi))</text>"
            s += "<text class=\"muted\" x=\"\(ox + pw / 2)\" y=\"\(oy + ph + 14)\" text-anchor=\"middle\">\(SVG.escape(xLabel))</text>\n"
            for (k, ser) in panel.series.enumerated() {
                let pts = zip(x, ser.values).filter { $0.1.isFinite }.map { "\(SVG.fmt(px($0.0)))," + SVG.fmt(py($0.1)) }
                s += "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"\(SVG.palette[k % SVG.palette.count])\" points=\"\(pts.joined(separator: " "))\">"
                s += "<title>\(SVG.escape(panel.title)): \(SVG.escape(ser.name))</title></polyline>\n"
            }
        }
        s += Legend.svg(names: names.map { "\($0) (\(yLabel))" }, x: left, y: height - 10, columnWidth: 120, perRow: 6)
        s += "</svg>\n"
        return s
    }
}
