// The tables of a results.json, for CSV and LaTeX export: `curvilinear evaluate` writes them
// beside results.json and the site publishes the same files. Built from the public `Results`
// type, so results made by any engine export the same way.
// Names: NAME for the calibrated protocol (`editors`), NAME_fixed_T for `editors_fixed_T`.

public enum ResultsTables {
    public static func all(_ results: Results) -> [MetricTable] {
        var tables = [generator(results), matching(results)]
        let fixedLabel = "fixed " + (results.evaluationProtocol.map { "T = \(LaTeXFormat.cell(.number($0.fixedT)))" } ?? "T")
        // With calibration off, `editors` holds the fixed-T tables (ResultsAssembly).
        let calibrated = results.evaluationProtocol?.calibrated ?? true
        tables += protocolTables(results, editors: results.editors, suffix: "",
                                 label: calibrated ? "calibrated strength" : fixedLabel)
        if let fixed = results.editorsFixedT {
            tables += protocolTables(results, editors: fixed, suffix: "_fixed_T", label: fixedLabel)
        }
        return tables
    }

    /// `tab:EXPERIMENT-NAME` with underscores as hyphens (safe in every LaTeX label).
    public static func label(_ experiment: String, _ table: String) -> String {
        "tab:" + "\(experiment)-\(table)".replacingOccurrences(of: "_", with: "-")
    }

    static func protocolTables(_ r: Results, editors: [String: EditorResults], suffix: String, label: String) -> [MetricTable] {
        let names = Results.ordered(Array(editors.keys))
        let keys = r.attributes.map(\.key)
        var tables = [summary(r, editors, names, suffix, label)]
        if let spread = seedSpread(r, editors, names, suffix, label) { tables.append(spread) }
        func perAttribute(_ name: String, _ what: String, _ values: (EditorResults) -> [String: Double],
                          _ intervals: (EditorResults) -> [String: [Double]]?) -> MetricTable {
            MetricTable(name: name + suffix, caption: "\(r.title): \(what) per attribute (\(label)).",
                        columns: [.init("editor", "Editor")] + keys.map { .init($0, $0, interval: true) },
                        rows: names.map { n in
                            let e = editors[n]!
                            return [.text(n)] + keys.map { k in
                                values(e)[k].map { .number($0, interval: intervals(e)?[k]) } ?? .missing
                            }
                        })
        }
        tables.append(perAttribute("target_change", "target change D_j (units of sigma_j)", \.targetChange, \.targetChangeCI95))
        tables.append(perAttribute("strength", "edit strength T_j", \.strength, { _ in nil }))
        tables.append(perAttribute("displacement", "mean latent displacement |phi_j z - z|", \.displacement, \.displacementCI95))
        if editors.values.contains(where: { $0.identityError.unavailable == nil }) {
            tables.append(perAttribute("identity_error", "identity error (%)", { $0.identityError.unavailable == nil ? $0.identityError.perAttribute : [:] },
                                       \.identityError.perAttributeCI95))
        }
        for n in names {
            let e = editors[n]!
            let se = e.sideEffect
            tables.append(MetricTable(
                name: "side_effect_\(n)\(suffix)",
                caption: "\(r.title), \(n): side-effect matrix S[j][l] (%), row j edited, column l measured (\(label)).",
                columns: [.init("edited", "Edited")] + se.attributes.map { .init($0, $0) },
                rows: se.matrix.enumerated().map { j, row in [.text(se.attributes[j])] + row.map { .number($0) } }))
            // Joined by pair, not by position: results made elsewhere may list other pairs in each.
            let order = e.commutativityOrder.pairs, round = e.commutativityRoundtrip.pairs
            var keys: [[String]] = []
            for p in order + round where !keys.contains([p.a, p.b]) { keys.append([p.a, p.b]) }
            func cells(_ p: Commutativity.Pair?) -> [MetricTable.Cell] {
                guard let p else { return [.missing, .missing] }
                return [.number(p.aErr, interval: p.aCI95), .number(p.bErr, interval: p.bCI95)]
            }
            tables.append(MetricTable(
                name: "commutativity_\(n)\(suffix)",
                caption: "\(r.title), \(n): commutativity error (%) of each attribute pair (a, b), measured on a and on b (\(label)).",
                columns: [.init("a", "a"), .init("b", "b"), .init("order_a", "Order, a", interval: true),
                          .init("order_b", "Order, b", interval: true), .init("roundtrip_a", "Round trip, a", interval: true),
                          .init("roundtrip_b", "Round trip, b", interval: true)],
                rows: keys.map { k in
                    [.text(k[0]), .text(k[1])] + cells(order.first { [$0.a, $0.b] == k }) + cells(round.first { [$0.a, $0.b] == k })
                }))
        }
        return tables
    }

    static func summary(_ r: Results, _ editors: [String: EditorResults], _ names: [String], _ suffix: String,
                        _ label: String) -> MetricTable {
        let seeded = editors.values.contains { ($0.seeds?.count ?? 1) > 1 }
        var columns: [MetricTable.Column] = [
            .init("editor", "Editor"), .init("side_effect", "Side effect (%)", interval: true),
            .init("commutativity_order", "Comm. order (%)", interval: true),
            .init("commutativity_roundtrip", "Comm. round trip (%)", interval: true),
            .init("latent_commutator", "Latent comm. (%)", interval: true),
            .init("identity_error", "Identity (%)", interval: true), .init("samples", "n"),
        ]
        if seeded { columns.append(.init("seeds", "Seeds")) }
        let rows: [[MetricTable.Cell]] = names.map { n in
            let e = editors[n]!
            var row: [MetricTable.Cell] = [
                .text(n), .number(e.sideEffect.offDiagonalMean, interval: e.sideEffect.ci95),
                .number(e.commutativityOrder.mean, interval: e.commutativityOrder.ci95),
                .number(e.commutativityRoundtrip.mean, interval: e.commutativityRoundtrip.ci95),
                .number(e.latentCommutator.mean, interval: e.latentCommutator.ci95),
                e.identityError.unavailable == nil ? .number(e.identityError.mean, interval: e.identityError.ci95) : .missing,
                .integer(e.samples),
            ]
            if seeded { row.append(.integer(e.seeds?.count ?? 1)) }
            return row
        }
        return MetricTable(name: "metrics" + suffix,
                           caption: "\(r.title): mean errors over \(names.isEmpty ? 0 : editors[names[0]]!.samples) held-out latents with 95% bootstrap intervals (\(label))"
                               + (seeded ? "; for several seeds, the mean over seeds and the mean of the seeds' intervals (the spread across seeds: next table)." : "."),
                           columns: columns, rows: rows)
    }

    /// Mean and standard deviation across seeds of the headline numbers, for editors
    /// trained with several seeds (nil if none was).
    static func seedSpread(_ r: Results, _ editors: [String: EditorResults], _ names: [String], _ suffix: String,
                           _ label: String) -> MetricTable? {
        let seeded = names.filter { (editors[$0]!.seeds?.count ?? 1) > 1 }
        guard !seeded.isEmpty else { return nil }
        var columns: [MetricTable.Column] = [.init("editor", "Editor"), .init("seeds", "Seeds")]
        for m in HeadlineMetric.all { columns += [.init(m.key, m.title), .init(m.key + "_seed_std", "SD")] }
        return MetricTable(
            name: "seed_spread" + suffix,
            caption: "\(r.title): mean and standard deviation over independently trained seeds (\(label)).",
            columns: columns,
            rows: seeded.map { n in
                let e = editors[n]!, spread = e.seeds!
                var row: [MetricTable.Cell] = [.text(n), .integer(spread.count)]
                for m in HeadlineMetric.all {
                    row += m.isUnavailable(in: e) ? [.missing, .missing] : [.number(m.value(e)), .number(spread.std[m.key] ?? 0)]
                }
                return row
            })
    }

    static func matching(_ r: Results) -> MetricTable {
        let names = Results.ordered(Array(r.editors.keys))
        return MetricTable(
            name: "matching", caption: "\(r.title): direction matched to each attribute, its sign and score mean |corr(t, a_j)|.",
            columns: [.init("editor", "Editor"), .init("attribute", "Attribute"), .init("direction", "Direction"),
                      .init("sign", "Sign"), .init("score", "Score")],
            rows: names.flatMap { n in
                r.editors[n]!.matching.map { m in
                    [.text(n), .text(m.attribute), .integer(m.direction), .integer(m.sign), .number(m.score, digits: 3)]
                }
            })
    }

    static func generator(_ r: Results) -> MetricTable {
        let g = r.generator
        let keys = r.attributes.map(\.key).filter { g.wasserstein?[$0] != nil }
        return MetricTable(
            name: "generator",
            caption: "\(r.title): Frechet distance of generated to real features (\(g.features ?? "identity_classifier")), beside real to real"
                + (keys.isEmpty ? "." : "; Wasserstein-1 distance per attribute in units of sigma."),
            columns: [.init("frechet", "Frechet"), .init("frechet_real", "Frechet (real)"), .init("samples", "n")]
                + keys.map { .init("w1_" + $0, "W1 " + $0) },
            rows: [[.number(g.frechet, digits: 3), .number(g.frechetReal, digits: 3), .integer(g.samples)]
                + keys.map { .number(g.wasserstein![$0]!, digits: 3) }])
    }
}
