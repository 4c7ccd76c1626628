import ArtifactContract

/// The rows of every table the pages show. The downloads beside them are the
/// `ResultsTables` files of the same results.json (full precision, intervals as columns);
/// `headline` is the site's own, across experiments.
enum Tables {
    static let metricsHeader = ["editor", "target_change_sigma", "side_effect_pct", "side_effect_ci95",
                                "commutativity_order_pct", "commutativity_order_ci95", "commutativity_roundtrip_pct",
                                "latent_commutator_pct", "identity_error_pct", "samples"]

    static func metrics(_ editors: [String: EditorResults]) -> CSVTable {
        CSVTable(header: metricsHeader, rows: Results.ordered(Array(editors.keys)).compactMap { key in
            guard let e = editors[key] else { return nil }
            let d = e.targetChange.values
            let meanD = d.isEmpty ? Double.nan : d.reduce(0, +) / Double(d.count)
            return [key, Fmt.num(meanD, 2), Fmt.num(e.sideEffect.offDiagonalMean), Fmt.ci(e.sideEffect.ci95),
                    Fmt.num(e.commutativityOrder.mean), Fmt.ci(e.commutativityOrder.ci95),
                    Fmt.num(e.commutativityRoundtrip.mean), Fmt.num(e.latentCommutator.mean),
                    Fmt.identity(e), String(e.samples)]
        })
    }

    /// Pairs of the order (or round-trip) tables, in the order they first appear across editors.
    static func pairKeys(_ editors: [String: EditorResults], roundtrip: Bool = false) -> [String] {
        var keys: [String] = []
        for name in Results.ordered(Array(editors.keys)) {
            let com = roundtrip ? editors[name]?.commutativityRoundtrip : editors[name]?.commutativityOrder
            for p in com?.pairs ?? [] where !keys.contains("\(p.a)/\(p.b)") {
                keys.append("\(p.a)/\(p.b)")
            }
        }
        return keys
    }

    static func identity(_ r: Results) -> CSVTable {
        let keys = r.attributes.map(\.key)
        return CSVTable(header: ["editor"] + keys + ["mean"], rows: r.editorNames.compactMap { name in
            guard let e = r.editors[name] else { return nil }
            guard e.identityError.unavailable == nil else { return [name] + keys.map { _ in "n/a" } + [Fmt.noIdentityClassifier] }
            return [name] + keys.map { e.identityError.perAttribute[$0].map { Fmt.num($0) } ?? "" } + [Fmt.num(e.identityError.mean)]
        })
    }

    static let headlineHeader = ["experiment", "editor", "commutativity_order_pct", "commutativity_roundtrip_pct",
                                 "side_effect_pct", "identity_error_pct"]

    static func headline(_ r: Results) -> CSVTable {
        CSVTable(header: headlineHeader, rows: r.editorNames.compactMap { name in
            guard let e = r.editors[name] else { return nil }
            return [r.experiment, name, Fmt.num(e.commutativityOrder.mean), Fmt.num(e.commutativityRoundtrip.mean),
                    Fmt.num(e.sideEffect.offDiagonalMean), Fmt.identity(e)]
        })
    }

    /// The editors trained with several seeds: how many, and each headline number's standard
    /// deviation across them (the tables show means over seeds, with per-seed intervals over latents).
    static func seedSpread(_ editors: [String: EditorResults]) -> CSVTable {
        CSVTable(header: ["editor", "seeds"] + HeadlineMetric.all.map { $0.key + "_std_pct" },
                 rows: Results.ordered(Array(editors.keys)).compactMap { key in
            guard let e = editors[key], let s = e.seeds, s.count > 1 else { return nil }
            return [key, String(s.count)] + HeadlineMetric.all.map { m in
                m.isUnavailable(in: e) ? "n/a" : s.std[m.key].map { Fmt.num($0) } ?? "–"
            }
        })
    }
}
