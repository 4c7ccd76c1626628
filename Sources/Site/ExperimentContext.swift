import ArtifactContract
import Foundation
import Render

/// The mustache context of one experiment page (templates/pages/experiment.md).
/// Numbers arrive formatted; paths arrive URL-encoded and HTML-escaped.
enum ExperimentContext {
    static func make(_ e: LoadedExperiment, charts: ExperimentCharts) -> [String: Any] {
        let r = e.results
        let data = e.dataPath
        func url(_ p: String) -> String { Escape.url("\(data)/\(p)") }
        let attrName = Dictionary(r.attributes.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })

        let claims = Claims.of(r.editors)
        var ctx: [String: Any] = [
            "title": r.title,
            "name": r.experiment,
            "summary": r.summary ?? "",
            "results_json": url("results.json"),
            "attributes": r.attributes.map { ["key": $0.key, "name": $0.name, "std": Fmt.num($0.std, 3)] },
            "editors": r.editorNames.map { Escape.html(EditorLabel.of($0)) }.joined(separator: ", "),
            "claims": claims.map { ["text": $0.text, "mark": $0.mark, "holds": $0.holds] },
            "has_claims": !claims.isEmpty,
            "claims_caveat": Claims.caveat(r.editors, claims: claims) ?? false,
            "has_strips": !(r.figures?.sideEffectStrips ?? []).isEmpty,
        ]
        ctx["dataset"] = orFalse(r.dataset.map { d -> [String: Any] in
            ["kind": d.kind, "images": d.images.map(String.init) ?? "unknown",
             "size": d.size.map { "\($0) × \($0)" } ?? "unknown", "channels": d.channels.map(String.init) ?? "unknown"]
        })
        ctx["generator"] = generator(r)
        // `editors` holds the calibrated protocol unless the run turned calibration off.
        let calibrated = r.evaluationProtocol?.calibrated ?? true
        ctx["protocol"] = r.evaluationProtocol.map { p -> [String: Any] in
            ["target_change": Fmt.num(p.targetChange, 2), "fixed_T": Fmt.num(p.fixedT, 2), "latents": String(p.latents),
             "calibrated": calibrated, "has_fixed": r.editorsFixedT != nil]
        } ?? false
        ctx["strength_kind"] = calibrated ? "calibrated" : "fixed"
        ctx["samples"] = r.figures.map { f -> [String: Any] in
            ["real": orFalse(f.realSamples.map(url)), "generated": orFalse(f.generatedSamples.map(url))]
        } ?? false
        ctx["strips"] = (r.figures?.sideEffectStrips ?? []).map { s -> [String: Any] in
            ["attribute": s.attribute, "attribute_name": attrName[s.attribute] ?? s.attribute,
             "image": url(s.image), "plot": orFalse(s.plot.map(url))]
        }
        ctx["metrics"] = table(Tables.metrics(r.editors), csv: url("metrics.csv"), header: metricsDisplay)
        ctx["metrics_fixed"] = orFalse(r.editorsFixedT.map { table(Tables.metrics($0), csv: url("metrics_fixed_T.csv"), header: metricsDisplay) })
        let spread = Tables.seedSpread(r.editors)
        ctx["seed_spread"] = spread.rows.isEmpty ? false : table(spread, csv: url("seed_spread.csv"), header: [
            "Editor", "Seeds", "Side effect", "Commutativity", "Round trip", "Latent commutator", "Identity"])
        // ResultsTables writes identity_error only when some editor's identity error was measured.
        let identityMeasured = r.editors.values.contains { $0.identityError.unavailable == nil }
        ctx["identity"] = table(Tables.identity(r), csv: identityMeasured ? url("identity_error.csv") : nil,
                                header: ["Editor"] + r.attributes.map(\.key) + ["Mean"])
        ctx["pairs_order"] = pairTable(r.editors, roundtrip: false)
        ctx["pairs_roundtrip"] = pairTable(r.editors, roundtrip: true)
        let names = Results.ordered(Array(r.editors.keys))
        ctx["pair_downloads"] = names.enumerated().map { i, name -> [String: Any] in
            ["label": EditorLabel.of(name), "csv": url("commutativity_\(name).csv"), "latex": url("commutativity_\(name).tex"),
             "separator": i == names.count - 1 ? "." : ";"]
        }
        ctx["charts"] = [
            "order": orFalse(charts.commutativityOrder.map(Escape.url)),
            "roundtrip": orFalse(charts.commutativityRoundtrip.map(Escape.url)),
        ]
        ctx["editor_sections"] = r.editorNames.compactMap { name -> [String: Any]? in
            guard let ed = r.editors[name] else { return nil }
            var section = editorSection(name, ed, r: r, dataPath: data, url: url, heatmap: charts.heatmaps[name].map(Escape.url))
            section["scores"] = orFalse(charts.scores[name].map(Escape.url))
            return section
        }
        ctx["provenance"] = provenance(r, e.manifest)
        return ctx
    }

    /// Generator quality: the Frechet figures, then (when results.json has them) the
    /// classifier's confidence, the predicted class mix (with the classes' names when known)
    /// and the clean-sprite rate, as percentages of the fractions results.json holds.
    static func generator(_ r: Results) -> [String: Any] {
        let g = r.generator
        func percent(_ f: Double) -> String { Fmt.num(100 * f, 1) }
        func percents(_ f: [Double]) -> String { f.map { percent($0) + "%" }.joined(separator: ", ") }
        var classes: Any = false
        if let generated = g.classFractions, let real = g.realClassFractions {
            // "square: 31.0%, ellipse: 54.7%, ..." when results.json names the classes (one name per
            // fraction); the colon keeps digit classes readable ("0: 10.0%, 1: 11.1%").
            var named = percents(generated)
            if let names = g.classNames, names.count == generated.count {
                named = zip(names, generated).map { "\($0): \(percent($1))%" }.joined(separator: ", ")
            }
            classes = ["generated": named, "real": percents(real)]
        }
        return [
            "measured": g.features != "unavailable",
            "frechet": Fmt.num(g.frechet, 2), "frechet_real": Fmt.num(g.frechetReal, 2),
            "samples": String(g.samples),
            "has_wasserstein": !(g.wasserstein ?? [:]).isEmpty,
            "wasserstein": r.attributes.compactMap { a in
                g.wasserstein?[a.key].map { ["key": a.key, "value": Fmt.num($0, 3)] }
            },
            "confident": orFalse(g.confident.map { ["generated": percent($0), "real": orFalse(g.confidentReal.map(percent))] }),
            "classes": classes,
            "clean": orFalse(g.clean.map { ["generated": percent($0), "real": orFalse(g.cleanReal.map(percent))] }),
        ]
    }

    /// A table whose first column is an editor key, for `{{#header}}` / `{{#rows}}{{#cells}}` loops;
    /// `numeric` has one entry per right-aligned column (all but the first).
    /// `csv`: the ResultsTables file published beside it (its `.tex` twin is linked too), or nil for none.
    static func table(_ t: CSVTable, csv: String?, header: [String]? = nil) -> [String: Any] {
        let head = header ?? t.header
        return ["header": head.map { ["cell": $0] },
                "latex": csv.map { String($0.dropLast(4)) + ".tex" } ?? false,
                "numeric": head.dropFirst().map { _ in ["cell": ""] },
                "rows": t.rows.map { row in ["cells": row.enumerated().map { ["cell": $0.offset == 0 ? EditorLabel.of($0.element) : $0.element] }] },
                "csv": csv ?? false]
    }

    static let metricsDisplay = ["Editor", "Target change (σ)", "Side effect", "95% CI", "Commutativity", "95% CI",
                                 "Round trip", "Latent commutator", "Identity", "Latents"]

    static func pairTable(_ editors: [String: EditorResults], roundtrip: Bool) -> [String: Any] {
        let names = Results.ordered(Array(editors.keys))
        let rows: [[String: Any]] = Tables.pairKeys(editors, roundtrip: roundtrip).map { key in
            let cells: [[String: Any]] = names.map { name in
                let com = roundtrip ? editors[name]?.commutativityRoundtrip : editors[name]?.commutativityOrder
                let p = com?.pairs.first { "\($0.a)/\($0.b)" == key }
                return ["cell": p.map { "\(Fmt.num($0.aErr)) / \(Fmt.num($0.bErr))" } ?? "–"]
            }
            return ["pair": key, "cells": cells]
        }
        let means: [[String: Any]] = names.map { name in
            let com = roundtrip ? editors[name]?.commutativityRoundtrip : editors[name]?.commutativityOrder
            return ["cell": com.map { "\(Fmt.num($0.mean)) \(Fmt.ci($0.ci95))" } ?? "–"]
        }
        return ["editors": names.map { ["label": EditorLabel.of($0)] }, "rows": rows, "means": means]
    }

    static func editorSection(_ name: String, _ ed: EditorResults, r: Results, dataPath: String, url: (String) -> String,
                              heatmap: String?) -> [String: Any] {
        let attrName = Dictionary(r.attributes.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        let traversals: [[String: Any]] = (ed.figures?.traversals ?? []).map { t in
            let sign = ed.matching.first { $0.direction == t.direction && $0.attribute == t.attribute }.map { $0.sign < 0 ? ", −" : ", +" } ?? ""
            let label = t.attribute.map { "direction \(t.direction) (\(attrName[$0] ?? $0)\(sign))" } ?? "direction \(t.direction)"
            var slider: Any = false
            if let sprite = t.sprite, let n = t.frames, let w = t.frameWidth, let h = t.frameHeight, n > 0 {
                let T = t.tMax ?? t.attribute.flatMap { ed.strength[$0] } ?? r.evaluationProtocol?.fixedT ?? 1
                slider = SliderHTML.widget(id: "slider-\(r.experiment)-\(name)-\(t.direction)", src: sprite,
                                           dataPath: dataPath, frames: n, frameWidth: w, frameHeight: h, label: label, T: T)
            }
            return ["label": label, "strip": url(t.strip), "slider": slider]
        }
        let seeds = ed.seeds?.count ?? 1
        return [
            "key": name, "label": EditorLabel.of(name),
            // results.json keeps the matching of the first seed and the means of T, change and displacement.
            "seed_note": seeds > 1 ? "Trained with \(seeds) seeds: directions, signs and scores are the first seed's; "
                + "T, change and displacement are means over the \(seeds) seeds." : false,
            "matching": ed.matching.map { m -> [String: Any] in
                ["attribute": m.attribute, "attribute_name": attrName[m.attribute] ?? m.attribute,
                 "direction": String(m.direction), "sign": m.sign >= 0 ? "+" : "−", "score": Fmt.num(m.score, 3),
                 "strength": ed.strength[m.attribute].map { Fmt.num($0, 2) } ?? "–",
                 "displacement": ed.displacement[m.attribute].map { Fmt.num($0, 2) } ?? "–",
                 "target_change": ed.targetChange[m.attribute].map { Fmt.num($0, 2) } ?? "–"]
            },
            "heatmap": orFalse(heatmap),
            "side_effect_csv": url("side_effect_\(name).csv"),
            "off_diagonal": Fmt.num(ed.sideEffect.offDiagonalMean),
            "traversals": traversals,
            "has_traversals": !traversals.isEmpty,
            "traversal_count": String(traversals.count),
            "grid": orFalse(ed.figures?.commutativityGrid.map(url)),
            "training": ed.training.map { t -> [String: Any] in
                ["steps": String(t.steps), "wall_time": Fmt.seconds(t.wallTimeSeconds),
                 "accuracy": t.accuracy.map { Fmt.num($0) + "%" } ?? "–"]
            } ?? false,
            "samples": String(ed.samples),
        ]
    }

    static func provenance(_ r: Results, _ m: Manifest?) -> [String: Any] {
        var p: [String: Any] = [
            "config_hash": r.provenance.configHash, "seed": String(r.provenance.seed),
            "code_version": r.provenance.codeVersion, "created": r.provenance.created,
            "wall_time": r.provenance.wallTimeSeconds.map(Fmt.seconds) ?? "–",
            "threads": r.provenance.threads.map(String.init) ?? false,
            "blas_core": r.provenance.blasCore ?? false,
        ]
        p["manifest"] = m.map { m -> [String: Any] in
            ["stage": m.stage, "wall_time": Fmt.seconds(m.wallTimeSeconds),
             "inputs": m.inputHashes.sorted { $0.key < $1.key }.map { ["name": $0.key, "hash": $0.value] }]
        } ?? false
        return p
    }
}

/// The slider widget with its sprite-sheet path made site-relative: `dataPath` is the
/// experiment's folder in the site (`LoadedExperiment.dataPath`), `src` the sheet inside it.
enum SliderHTML {
    static func widget(id: String, src: String, dataPath: String, frames: Int, frameWidth: Int, frameHeight: Int,
                       label: String, T: Double) -> String {
        // Render.Slider escapes attribute values itself; the path is percent-encoded first.
        let encoded = "\(dataPath)/\(src)".split(separator: "/").map {
            String($0).addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? String($0)
        }.joined(separator: "/")
        return Slider.widget(id: id, src: encoded, frames: frames, frameWidth: frameWidth, frameHeight: frameHeight,
                                   label: label, tMin: -T, tMax: T)
    }
}
