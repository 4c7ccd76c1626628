import ArtifactContract

/// Sentences stating whether the method's claims hold in the numbers
/// (DESIGN.md 5, "Expected shape"). Generated from the numbers every build,
/// never written by hand, so a result that contradicts the paper says so.
enum Claims {
    struct Claim {
        let text: String
        let holds: Bool
        /// False when a baseline's mean is within one standard deviation across training seeds
        /// of curvilinear's: the comparison could go either way with other seeds.
        var conclusive = true

        /// The page's mark: ✔ holds, ✘ does not, ≈ within the spread between seeds either way.
        var mark: String { !conclusive ? "≈" : holds ? "✔" : "✘" }
    }

    static func of(_ editors: [String: EditorResults]) -> [Claim] {
        guard let ours = editors["curvilinear"] else { return [] }
        var out: [Claim] = []
        let baselines = ["linear", "warped"].filter { editors[$0] != nil }

        // Commutativity: near linear's and below warped's.
        if let warped = editors["warped"] {
            let order: (EditorResults) -> Double = { $0.commutativityOrder.mean }
            let c = order(ours), w = order(warped)
            let holds = c < w
            // The same rule as the side-effect and identity claims: within the seed spread, either way.
            let close = withinSpread(ours, [("warped", warped)], key: "commutativity_order", value: order)
            out.append(Claim(text: (holds
                ? "Curvilinear edits commute better than warped ones: order error \(Fmt.num(c))% against \(Fmt.num(w))%."
                : "The claim that curvilinear edits commute better than warped ones does not hold here: order error \(Fmt.num(c))% against \(Fmt.num(w))% for the warped editor.")
                + spreadSentence(ours, close, key: "commutativity_order", value: order),
                holds: holds, conclusive: close.isEmpty))
        }
        if let linear = editors["linear"] {
            let c = ours.commutativityOrder.mean, l = linear.commutativityOrder.mean
            let close = c <= l + max(1, 0.5 * l)
            out.append(Claim(text: close
                ? "Its order error (\(Fmt.num(c))%) is close to that of the linear editor (\(Fmt.num(l))%), which commutes by construction."
                : "Its order error (\(Fmt.num(c))%) is well above that of the linear editor (\(Fmt.num(l))%), which commutes by construction.",
                holds: close))
        }
        let present = baselines.compactMap { key in editors[key].map { (key, $0) } }
        let metrics: [(String, String, String, String, (EditorResults) -> Double)] = [
            ("side effects", "are", "off-diagonal side effect", "side_effect", { $0.sideEffect.offDiagonalMean }),
            ("identity error", "is", "identity error", "identity_error", { $0.identityError.mean }),
        ]
        // An unmeasured identity error (no classifier) supports no claim either way.
        let identityMeasured = ([ours] + present.map(\.1)).allSatisfy { $0.identityError.unavailable == nil }
        for (metric, verb, name, spreadKey, value) in metrics where !present.isEmpty && (metric != "identity error" || identityMeasured) {
            let ourValue = value(ours)
            let notBeaten = present.filter { value($0.1) <= ourValue }.map(\.0)
            let list = present.map { "\(EditorLabel.of($0.0).lowercased()) \(Fmt.num(value($0.1)))%" }.joined(separator: ", ")
            let lower = closedFormBelow(ourValue, editors, identity: metric == "identity error", value: value)
            let close = withinSpread(ours, present, key: spreadKey, value: value)
            let holds = notBeaten.isEmpty
            let names = notBeaten.map { EditorLabel.of($0).lowercased() }.joined(separator: " and ")
            let verdict = holds
                ? "Curvilinear \(metric) \(verb) below the baselines: \(name) \(Fmt.num(ourValue))% against \(list)."
                : "The claim that curvilinear \(metric) \(verb) lower does not hold against \(names): \(name) \(Fmt.num(ourValue))% against \(list)."
            // Not conclusive when a baseline within the seed spread could reverse the verdict: for
            // a claim that holds, any such baseline; for one that fails, only when every baseline
            // below curvilinear is within the spread (one clearly below settles it).
            let closeNames = Set(close.map(\.0))
            let conclusive = holds ? close.isEmpty : notBeaten.contains { !closeNames.contains($0) }
            out.append(Claim(text: verdict + spreadSentence(ours, close, key: spreadKey, value: value)
                                 + closedFormSentence(lower, holds: holds),
                             holds: holds, conclusive: conclusive))
        }
        return out
    }

    /// Said under `claims` (what `of(editors)` returned) when curvilinear was trained with
    /// one seed: the comparisons then carry no spread across training runs. nil with
    /// several seeds or no claims.
    static func caveat(_ editors: [String: EditorResults], claims: [Claim]) -> String? {
        guard let ours = editors["curvilinear"], (ours.seeds?.count ?? 1) <= 1, !claims.isEmpty else { return nil }
        return "Each editor here was trained with one seed, so these comparisons do not include the variation "
            + "between training runs; the experiments with several seeds report it."
    }

    /// With editors trained on several seeds, the baselines whose mean differs from
    /// curvilinear's by less than the larger of the two standard deviations across seeds
    /// (none when no spread was measured): comparisons with them are not conclusive.
    static func withinSpread(_ ours: EditorResults, _ baselines: [(String, EditorResults)], key: String,
                             value: (EditorResults) -> Double) -> [(String, EditorResults)] {
        baselines.filter { _, e in
            guard let spread = [seedStd(ours, key), seedStd(e, key)].compactMap({ $0 }).max() else { return false }
            return abs(value(e) - value(ours)) < spread
        }
    }

    /// The standard deviation of `key` across training seeds, when there were several.
    static func seedStd(_ e: EditorResults, _ key: String) -> Double? { (e.seeds?.count ?? 0) > 1 ? e.seeds?.std[key] : nil }

    /// The sentence for the baselines `close` (`withinSpread`): " Across seeds the difference
    /// to warped (1.4 points) is within one standard deviation (curvilinear ±5.0, warped ±29.1):
    /// not conclusive." Empty when `close` is.
    static func spreadSentence(_ ours: EditorResults, _ close: [(String, EditorResults)], key: String,
                               value: (EditorResults) -> Double) -> String {
        guard !close.isEmpty else { return "" }
        let differences = close.map { "\(EditorLabel.of($0.0).lowercased()) (\(Fmt.num(abs(value($0.1) - value(ours)))) points)" }
        let spreads = ([("curvilinear", ours)] + close).compactMap { name, e in
            seedStd(e, key).map { "\(EditorLabel.of(name).lowercased()) ±\(Fmt.num($0))" }
        }
        let subject = close.count == 1 ? "the difference to \(differences[0]) is" : "the differences to \(differences.joined(separator: " and ")) are"
        return " Across seeds \(subject) within one standard deviation (\(spreads.joined(separator: ", "))): not conclusive."
    }

    /// Editors with directions in closed form (no training), which the paper does not compare against.
    static let closedForm = ["sefa", "ganspace"]

    /// The closed-form editors present whose value is strictly below curvilinear's,
    /// with that value. Identity error counts only where it was measured.
    static func closedFormBelow(_ ourValue: Double, _ editors: [String: EditorResults], identity: Bool,
                                value: (EditorResults) -> Double) -> [(String, Double)] {
        closedForm.compactMap { key in
            guard let e = editors[key], !identity || e.identityError.unavailable == nil, value(e) < ourValue else { return nil }
            return (key, value(e))
        }
    }

    /// " The closed-form editors, which the paper does not compare against, are lower still: SeFa 54.4%, ...",
    /// or "" when none is lower. When curvilinear does not beat the baselines, "lower still"
    /// would read as lower than the baselines too, so the sentence names curvilinear instead.
    static func closedFormSentence(_ lower: [(String, Double)], holds: Bool) -> String {
        guard let first = lower.first else { return "" }
        let than = holds ? "lower still" : "also lower than curvilinear"
        if lower.count == 1 {
            return " The closed-form editor \(EditorLabel.of(first.0)), which the paper does not compare against, is \(than): \(Fmt.num(first.1))%."
        }
        let list = lower.map { "\(EditorLabel.of($0.0)) \(Fmt.num($0.1))%" }.joined(separator: ", ")
        return " The closed-form editors, which the paper does not compare against, are \(than): \(list)."
    }
}
