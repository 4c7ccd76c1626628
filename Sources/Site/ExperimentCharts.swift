import ArtifactContract
import Render

/// SVG charts drawn from the numbers of one experiment (no figure files needed):
/// a side-effect heatmap per editor and commutativity bar charts.
struct ExperimentCharts {
    /// Editor -> site-relative path of its heatmap.
    var heatmaps: [String: String] = [:]
    /// Editor -> path of its direction-score heatmap (directions x attributes), if scores were given.
    var scores: [String: String] = [:]
    var commutativityOrder: String?
    var commutativityRoundtrip: String?

    static func draw(_ e: LoadedExperiment, into s: inout BuildState) throws -> ExperimentCharts {
        var c = ExperimentCharts()
        let r = e.results
        // One colour scale for every editor of the experiment, so heatmaps compare.
        let offDiagonal = r.editors.values.flatMap { ed in
            ed.sideEffect.matrix.enumerated().flatMap { i, row in row.enumerated().filter { $0.offset != i }.map(\.element) }
        }.filter(\.isFinite)
        let scaleMax = max(offDiagonal.max() ?? 1, 1)
        for name in r.editorNames {
            guard let ed = r.editors[name] else { continue }
            let svg = try Heatmap(title: "Side effects of \(EditorLabel.of(name)) edits (\(r.title))",
                                  rowLabels: ed.sideEffect.attributes, columnLabels: ed.sideEffect.attributes,
                                  matrix: ed.sideEffect.matrix, scaleMax: scaleMax).svg()
            c.heatmaps[name] = try s.write(svg, to: "\(e.dataPath)/charts/side_effect_\(name).svg")
            if let scores = ed.scoreMatrix, !scores.isEmpty, scores.allSatisfy({ $0.count == r.attributes.count }) {
                var map = Heatmap(title: "Direction scores of \(EditorLabel.of(name)) (\(r.title))",
                                  rowLabels: scores.indices.map { "k=\($0)" }, columnLabels: r.attributes.map(\.key),
                                  matrix: scores, scaleMax: 1)
                map.markDiagonal = false; map.unit = ""; map.digits = 2; map.cell = 34
                map.caption = "row: direction · column: |corr(t, a)|"
                c.scores[name] = try s.write(try map.svg(), to: "\(e.dataPath)/charts/scores_\(name).svg")
            }
        }
        for roundtrip in [false, true] {
            let pairs = Tables.pairKeys(r.editors, roundtrip: roundtrip)
            if !pairs.isEmpty {
                let series: [(name: String, values: [Double])] = r.editorNames.compactMap { name in
                    guard let ed = r.editors[name] else { return nil }
                    let com = roundtrip ? ed.commutativityRoundtrip : ed.commutativityOrder
                    let byKey = Dictionary(com.pairs.map { ("\($0.a)/\($0.b)", ($0.aErr + $0.bErr) / 2) }, uniquingKeysWith: { a, _ in a })
                    return (EditorLabel.of(name), pairs.map { byKey[$0] ?? .nan })
                }
                let svg = try GroupedBarChart(
                    title: roundtrip ? "Round-trip commutativity error per pair" : "Order commutativity error per pair",
                    yLabel: "error (%)", categories: pairs, series: series).svg()
                let path = try s.write(svg, to: "\(e.dataPath)/charts/commutativity_\(roundtrip ? "roundtrip" : "order").svg")
                if roundtrip { c.commutativityRoundtrip = path } else { c.commutativityOrder = path }
            }
        }
        return c
    }
}
