// From the metric types (Metrics/) to the public results.json types (ArtifactContract).
// All errors are in percent; target change in sigma units, strengths in t, displacement in |z|.

import ArtifactContract

extension EditorResults {
    /// The table of one editor (one seed) under one protocol.
    public init(_ metrics: EditMetrics, match: DirectionMatch, calibration: [CalibrationOutcome]?,
                calibrationLatents: Int?, identityUnavailable: String?) {
        let keys = match.assignments.map(\.attribute)
        func byKey<T>(_ values: [T]) -> [String: T] { Dictionary(uniqueKeysWithValues: zip(keys, values)) }
        func pairs(_ errors: [PairError]) -> [Commutativity.Pair] {
            errors.map { .init(a: $0.first, b: $0.second, aErr: $0.firstError.mean, bErr: $0.secondError.mean,
                               aCI95: $0.firstError.interval, bCI95: $0.secondError.interval) }
        }
        let identity: IdentityError
        if let id = metrics.identity {
            identity = IdentityError(perAttribute: byKey(id.perAttribute.map(\.mean)), mean: id.mean.mean,
                                     ci95: id.mean.interval, perAttributeCI95: byKey(id.perAttribute.map(\.interval)))
        } else {
            identity = IdentityError(perAttribute: [:], mean: 0,
                                     unavailable: identityUnavailable ?? "no identity classifier was given")
        }
        self.init(
            matching: match.assignments.map { Match(attribute: $0.attribute, direction: $0.direction, sign: $0.sign, score: $0.score) },
            targetChange: byKey(metrics.targetChange.map(\.mean)),
            sideEffect: SideEffect(attributes: keys, matrix: metrics.sideEffect,
                                   offDiagonalMean: metrics.sideEffectOffDiagonal.mean, ci95: metrics.sideEffectOffDiagonal.interval),
            commutativityOrder: Commutativity(pairs: pairs(metrics.commutativityOrder), mean: metrics.commutativityOrderMean.mean,
                                              ci95: metrics.commutativityOrderMean.interval),
            commutativityRoundtrip: Commutativity(pairs: pairs(metrics.commutativityRoundTrip),
                                                  mean: metrics.commutativityRoundTripMean.mean,
                                                  ci95: metrics.commutativityRoundTripMean.interval),
            latentCommutator: LatentCommutator(mean: metrics.latentCommutator.mean, ci95: metrics.latentCommutator.interval),
            identityError: identity,
            samples: metrics.samples,
            strength: byKey(metrics.edits.map(\.strength)),
            displacement: byKey(metrics.displacement.map(\.mean)),
            scoreMatrix: match.score,
            targetChangeCI95: byKey(metrics.targetChange.map(\.interval)),
            displacementCI95: byKey(metrics.displacement.map(\.interval)),
            calibration: calibration.map { outcomes in
                byKey(outcomes.map { Calibration(achieved: $0.achieved, reached: $0.reached, latents: calibrationLatents ?? 0) })
            })
    }
}

/// Several seeds of one editor as one table (see `SeedSpread` for what each field then means).
public enum SeedAggregation {
    public static func combine(_ tables: [EditorResults]) -> EditorResults? {
        guard var out = tables.first else { return nil }
        guard tables.count > 1 else { return out }
        let n = Double(tables.count)
        func mean(_ f: (EditorResults) -> Double) -> Double { tables.reduce(0) { $0 + f($1) } / n }
        func meanMap(_ f: (EditorResults) -> [String: Double]?) -> [String: Double]? {
            guard let keys = f(tables[0])?.keys else { return nil }
            return Dictionary(uniqueKeysWithValues: keys.map { k in (k, mean { f($0)?[k] ?? 0 }) })
        }
        func meanInterval(_ f: (EditorResults) -> [Double]?) -> [Double]? {
            guard let first = f(tables[0]) else { return nil }
            return first.indices.map { i in mean { f($0)?[i] ?? 0 } }
        }
        func meanIntervals(_ f: (EditorResults) -> [String: [Double]]?) -> [String: [Double]]? {
            guard let keys = f(tables[0])?.keys else { return nil }
            return Dictionary(uniqueKeysWithValues: keys.map { k in (k, meanInterval { f($0)?[k] } ?? []) })
        }
        func meanPairs(_ f: (EditorResults) -> Commutativity) -> Commutativity {
            let pairs = f(tables[0]).pairs.indices.map { i -> Commutativity.Pair in
                let p = f(tables[0]).pairs[i]
                return .init(a: p.a, b: p.b, aErr: mean { f($0).pairs[i].aErr }, bErr: mean { f($0).pairs[i].bErr },
                             aCI95: meanInterval { f($0).pairs[i].aCI95 }, bCI95: meanInterval { f($0).pairs[i].bCI95 })
            }
            return Commutativity(pairs: pairs, mean: mean { f($0).mean }, ci95: meanInterval { f($0).ci95 } ?? [])
        }
        out.targetChange = meanMap(\.targetChange) ?? [:]
        out.strength = meanMap(\.strength) ?? [:]
        out.displacement = meanMap(\.displacement) ?? [:]
        out.targetChangeCI95 = meanIntervals(\.targetChangeCI95)
        out.displacementCI95 = meanIntervals(\.displacementCI95)
        let size = tables[0].sideEffect.matrix.count
        out.sideEffect.matrix = (0 ..< size).map { j in (0 ..< size).map { l in mean { $0.sideEffect.matrix[j][l] } } }
        out.sideEffect.offDiagonalMean = mean(\.sideEffect.offDiagonalMean)
        out.sideEffect.ci95 = meanInterval(\.sideEffect.ci95)
        out.commutativityOrder = meanPairs(\.commutativityOrder)
        out.commutativityRoundtrip = meanPairs(\.commutativityRoundtrip)
        out.latentCommutator = LatentCommutator(mean: mean(\.latentCommutator.mean), ci95: meanInterval(\.latentCommutator.ci95))
        out.identityError.perAttribute = meanMap(\.identityError.perAttribute) ?? [:]
        out.identityError.mean = mean(\.identityError.mean)
        out.identityError.ci95 = meanInterval(\.identityError.ci95)
        out.identityError.perAttributeCI95 = meanIntervals(\.identityError.perAttributeCI95)
        out.calibration = nil
        let std = Dictionary(uniqueKeysWithValues: HeadlineMetric.all.map { ($0.key, standardDeviation(tables.map($0.value))) })
        out.seeds = SeedSpread(count: tables.count, std: std, perSeed: tables)
        return out
    }

    /// Sample standard deviation (n - 1); 0 for fewer than two values.
    public static func standardDeviation(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        let m = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
    }
}
