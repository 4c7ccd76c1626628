import ArtifactContract

/// Context of the overview page: the headline table of every experiment x editor.
enum IndexContext {
    /// Which strengths the headline numbers of an experiment were measured at (DESIGN.md 5).
    static func protocolNote(_ r: Results) -> String {
        guard let p = r.evaluationProtocol else { return "" }
        return (p.calibrated ?? true) ? ", strengths calibrated to a target change of \(Fmt.num(p.targetChange, 2)) σ"
                                       : ", fixed strength T = \(Fmt.num(p.fixedT, 2))"
    }

    static func make(_ s: BuildState) -> [String: Any] {
        var rows: [[String: Any]] = []
        var claims: [[String: Any]] = []
        for e in s.experiments {
            let href = Escape.url(e.pageFile)
            for name in e.results.editorNames {
                guard let ed = e.results.editors[name] else { continue }
                rows.append([
                    "experiment": e.results.title, "href": href, "editor": EditorLabel.of(name),
                    "order": Fmt.num(ed.commutativityOrder.mean), "roundtrip": Fmt.num(ed.commutativityRoundtrip.mean),
                    "side_effect": Fmt.num(ed.sideEffect.offDiagonalMean), "identity": Fmt.identity(ed),
                    "samples": String(ed.samples),
                ])
            }
            let experimentClaims = Claims.of(e.results.editors)
            let oneSeed = Claims.caveat(e.results.editors, claims: experimentClaims) == nil ? "" : " (one training seed)"
            for c in experimentClaims {
                claims.append(["experiment": e.results.title, "href": href, "text": c.text, "mark": c.mark, "holds": c.holds,
                                "seed_note": oneSeed])
            }
        }
        return [
            "experiments": s.experiments.map { e -> [String: Any] in
                ["title": e.results.title, "name": e.name, "href": Escape.url(e.pageFile),
                 "editors": String(e.results.editors.count), "results_json": Escape.url("\(e.dataPath)/results.json"),
                 "protocol": protocolNote(e.results)]
            },
            "has_experiments": !s.experiments.isEmpty,
            "headline": rows,
            "headline_csv": Escape.url(SitePath.headlineCSV),
            "claims": claims,
        ]
    }
}

/// Context of the comparison gallery: per attribute, every editor side by side.
enum GalleryContext {
    static func make(_ s: BuildState) -> [String: Any] {
        var sections: [[String: Any]] = []
        for e in s.experiments {
            let r = e.results
            for a in r.attributes {
                var editors: [[String: Any]] = []
                for name in r.editorNames {
                    guard let ed = r.editors[name], let t = ed.figures?.traversals?.first(where: { $0.attribute == a.key }) else { continue }
                    // Strips follow direction k itself; a negative matched sign means the attribute
                    // falls as t grows, so that strip runs the other way round: say so.
                    let negative = ed.matching.contains { $0.attribute == a.key && $0.direction == t.direction && $0.sign < 0 }
                    editors.append(["label": "\(EditorLabel.of(name)) (direction \(t.direction), \(negative ? "−" : "+"))",
                                    "strip": Escape.url("\(e.dataPath)/\(t.strip)")])
                }
                let strip = r.figures?.sideEffectStrips?.first { $0.attribute == a.key }
                guard !editors.isEmpty || strip != nil else { continue }
                sections.append([
                    "experiment": r.title, "href": Escape.url(e.pageFile), "key": a.key, "name": a.name,
                    "editors": editors,
                    "strip": orFalse(strip.map { Escape.url("\(e.dataPath)/\($0.image)") }),
                    "plot": orFalse(strip?.plot.map { Escape.url("\(e.dataPath)/\($0)") }),
                ])
            }
        }
        // Per experiment: every editor's commutativity grid and side-effect matrix side by side.
        let experiments: [[String: Any]] = s.experiments.compactMap { e in
            let r = e.results
            let grids: [[String: Any]] = r.editorNames.compactMap { name in
                r.editors[name]?.figures?.commutativityGrid.map {
                    ["label": EditorLabel.of(name), "grid": Escape.url("\(e.dataPath)/\($0)")]
                }
            }
            let maps: [[String: Any]] = r.editorNames.compactMap { name in
                s.charts[e.name]?.heatmaps[name].map { ["label": EditorLabel.of(name), "heatmap": Escape.url($0)] }
            }
            guard !grids.isEmpty || !maps.isEmpty else { return nil }
            return ["title": r.title, "href": Escape.url(e.pageFile), "grids": grids, "heatmaps": maps,
                    "has_grids": !grids.isEmpty, "has_heatmaps": !maps.isEmpty]
        }
        return ["sections": sections, "has_sections": !sections.isEmpty, "experiments": experiments]
    }
}
