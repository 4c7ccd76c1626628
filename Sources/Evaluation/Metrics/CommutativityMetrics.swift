// Commutativity of pairs of edits (DESIGN.md section 5), for every attribute pair j < l:
//
//   order       100 |a_m(G(phi_l phi_j z)) - a_m(G(phi_j phi_l z))| / (sigma_m D_m),  m in {j, l}
//   round trip  100 |a_m(G(phi_l^-1 phi_j^-1 phi_l phi_j z)) - a_m(G(z))| / (sigma_m D_m)
//   latent      100 |phi_l^-1 phi_j^-1 phi_l phi_j z - z| / |phi_j z - z|   (no measurer)
//
// Each table's mean is over pairs, both attributes of a pair, and latents. D_m is the
// mean target change of the same held-out latents, so every interval is a bootstrap of
// the ratio: each resample of latents recomputes D_m as well as the errors.

struct CommutativityTables {
    var order: [PairError]
    var orderMean: Estimate
    var roundTrip: [PairError]
    var roundTripMean: Estimate
    var latentCommutator: Estimate
}

struct CommutativityComputer {
    var attributes: [MeasuredAttribute]
    /// Per-latent target change |Delta a_m| / sigma_m of the edit of m, [m][b]; its mean is
    /// D_m, floored in the denominators (`EditMetricsComputer.floored`).
    var targetChange: [[Double]]
    var bootstrap: Bootstrap

    /// `edited[j]` is phi_j z of the held-out latents.
    func compute(edits: [MatchedEdit], edited: [LatentBatch], editor: some EditFunction, generator: some ImageGenerator,
                 heldOut: HeldOutSet) -> CommutativityTables {
        let z = heldOut.latents, n = z.count
        var order: [PairError] = [], roundTrip: [PairError] = []
        // 100 |difference| / sigma_m per latent, before the division by D_m: [pair][m in {j, l}][b].
        var orderErrors: [[[Double]]] = [], roundErrors: [[[Double]]] = [], pairAttributes: [(Int, Int)] = []
        var latentPerLatent = [Double](repeating: 0, count: n)
        for j in edits.indices {
            for l in edits.indices where l > j {
                let jl = edits[l].apply(edited[j], with: editor)     // phi_l phi_j z
                let lj = edits[j].apply(edited[l], with: editor)     // phi_j phi_l z
                let back = edits[l].invert(edits[j].invert(jl, with: editor), with: editor) // phi_l^-1 phi_j^-1 phi_l phi_j z
                let measured = [jl, lj, back].map { AttributeReadout.measure(generator.generate($0), [attributes[j], attributes[l]]) }
                // Errors on m = j (index 0) and m = l (index 1).
                var orderPair: [[Double]] = [], roundPair: [[Double]] = []
                for (i, m) in [j, l].enumerated() {
                    let scale = 100 / attributes[m].sigma
                    let measurer = attributes[m].measurer
                    orderPair.append((0 ..< n).map { abs(measurer.difference(measured[0][i][$0], measured[1][i][$0])) * scale })
                    roundPair.append((0 ..< n).map { abs(measurer.difference(measured[2][i][$0], heldOut.attributes[m][$0])) * scale })
                }
                orderErrors.append(orderPair); roundErrors.append(roundPair); pairAttributes.append((j, l))
                order.append(pair(j, l, orderPair))
                roundTrip.append(pair(j, l, roundPair))
                let loop = back.distances(to: z), step = edited[j].distances(to: z)
                for b in 0 ..< n { latentPerLatent[b] += step[b] > 0 ? 100 * loop[b] / step[b] : 0 }
            }
        }
        guard !pairAttributes.isEmpty else {
            let none = bootstrap.mean([])
            return CommutativityTables(order: [], orderMean: none, roundTrip: [], roundTripMean: none, latentCommutator: none)
        }
        let pairs = Double(pairAttributes.count)
        return CommutativityTables(order: order, orderMean: tableMean(orderErrors, pairAttributes),
                                   roundTrip: roundTrip, roundTripMean: tableMean(roundErrors, pairAttributes),
                                   latentCommutator: bootstrap.mean(latentPerLatent.map { $0 / pairs }))
    }

    /// Mean over pairs and both attributes of a pair of mean(error) / D_m.
    /// Columns: the errors pair by pair ([j, l] each), then the target changes.
    func tableMean(_ errors: [[[Double]]], _ pairs: [(Int, Int)]) -> Estimate {
        let first = 2 * pairs.count
        return bootstrap.statistic(errors.flatMap { $0 } + targetChange) { m in
            func d(_ attribute: Int) -> Double { EditMetricsComputer.floored(m[first + attribute]) }
            var sum = 0.0
            for (p, (j, l)) in pairs.enumerated() { sum += m[2 * p] / d(j) + m[2 * p + 1] / d(l) }
            return sum / Double(first)
        }
    }

    /// The pair's two errors, each mean(error on m) / D_m.
    func pair(_ j: Int, _ l: Int, _ errors: [[Double]]) -> PairError {
        PairError(first: attributes[j].key, second: attributes[l].key,
                  firstError: bootstrap.statistic([errors[0], targetChange[j]]) { $0[0] / EditMetricsComputer.floored($0[1]) },
                  secondError: bootstrap.statistic([errors[1], targetChange[l]]) { $0[0] / EditMetricsComputer.floored($0[1]) })
    }
}
