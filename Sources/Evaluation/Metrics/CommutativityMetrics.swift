// Commutativity of pairs of edits (DESIGN.md section 5), for every attribute pair j < l:
//
//   order       100 |a_m(G(phi_l phi_j z)) - a_m(G(phi_j phi_l z))| / (sigma_m D_m),  m in {j, l}
//   round trip  100 |a_m(G(phi_l^-1 phi_j^-1 phi_l phi_j z)) - a_m(G(z))| / (sigma_m D_m)
//   latent      100 |phi_l^-1 phi_j^-1 phi_l phi_j z - z| / |phi_j z - z|   (no measurer)
//
// Each table's mean is over pairs, both attributes of a pair, and latents; its
// bootstrap resamples latents (a latent's value is its mean over pairs).

struct CommutativityTables {
    var order: [PairError]
    var orderMean: Estimate
    var roundTrip: [PairError]
    var roundTripMean: Estimate
    var latentCommutator: Estimate
}

struct CommutativityComputer {
    var attributes: [MeasuredAttribute]
    /// D_m, floored (see `EditMetricsComputer.minimumTargetChange`).
    var targetChange: [Double]
    var bootstrap: Bootstrap

    /// `edited[j]` is phi_j z of the held-out latents.
    func compute(edits: [MatchedEdit], edited: [LatentBatch], editor: some EditFunction, generator: some ImageGenerator,
                 heldOut: HeldOutSet) -> CommutativityTables {
        let z = heldOut.latents, n = z.count
        var order: [PairError] = [], roundTrip: [PairError] = []
        var orderPerLatent = [Double](repeating: 0, count: n), roundPerLatent = orderPerLatent, latentPerLatent = orderPerLatent
        var pairs = 0
        for j in edits.indices {
            for l in edits.indices where l > j {
                pairs += 1
                let jl = edits[l].apply(edited[j], with: editor)     // phi_l phi_j z
                let lj = edits[j].apply(edited[l], with: editor)     // phi_j phi_l z
                let back = edits[l].invert(edits[j].invert(jl, with: editor), with: editor) // phi_l^-1 phi_j^-1 phi_l phi_j z
                let measured = [jl, lj, back].map { AttributeReadout.measure(generator.generate($0), [attributes[j], attributes[l]]) }
                // Errors on m = j (index 0) and m = l (index 1).
                var orderErrors: [[Double]] = [], roundErrors: [[Double]] = []
                for (i, m) in [j, l].enumerated() {
                    let scale = 100 / (attributes[m].sigma * targetChange[m])
                    let measurer = attributes[m].measurer
                    orderErrors.append((0 ..< n).map { abs(measurer.difference(measured[0][i][$0], measured[1][i][$0])) * scale })
                    roundErrors.append((0 ..< n).map { abs(measurer.difference(measured[2][i][$0], heldOut.attributes[m][$0])) * scale })
                }
                order.append(pair(j, l, orderErrors))
                roundTrip.append(pair(j, l, roundErrors))
                let loop = back.distances(to: z), step = edited[j].distances(to: z)
                for b in 0 ..< n {
                    orderPerLatent[b] += (orderErrors[0][b] + orderErrors[1][b]) / 2
                    roundPerLatent[b] += (roundErrors[0][b] + roundErrors[1][b]) / 2
                    latentPerLatent[b] += step[b] > 0 ? 100 * loop[b] / step[b] : 0
                }
            }
        }
        guard pairs > 0 else {
            let none = bootstrap.mean([])
            return CommutativityTables(order: [], orderMean: none, roundTrip: [], roundTripMean: none, latentCommutator: none)
        }
        let scale = 1 / Double(pairs)
        return CommutativityTables(order: order, orderMean: bootstrap.mean(orderPerLatent.map { $0 * scale }),
                                   roundTrip: roundTrip, roundTripMean: bootstrap.mean(roundPerLatent.map { $0 * scale }),
                                   latentCommutator: bootstrap.mean(latentPerLatent.map { $0 * scale }))
    }

    func pair(_ j: Int, _ l: Int, _ errors: [[Double]]) -> PairError {
        PairError(first: attributes[j].key, second: attributes[l].key,
                  firstError: bootstrap.mean(errors[0]), secondError: bootstrap.mean(errors[1]))
    }
}
