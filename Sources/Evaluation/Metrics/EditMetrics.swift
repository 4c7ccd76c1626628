// The metric tables of one editor under one strength protocol (DESIGN.md section 5).
// Every percentage is a mean over held-out latents with its bootstrap interval.

/// Commutativity error of one attribute pair (j, l), measured on j (`first`) and on l (`second`), in percent.
public struct PairError: Equatable, Sendable {
    public var first: String
    public var second: String
    public var firstError: Estimate
    public var secondError: Estimate
}

public struct IdentityMetrics: Equatable, Sendable {
    /// 100 * fraction of edits of attribute j that change the predicted class.
    public var perAttribute: [Estimate]
    public var mean: Estimate
}

public struct EditMetrics: Equatable, Sendable {
    /// The edits phi_j measured, in attribute order.
    public var edits: [MatchedEdit]
    /// D_j in units of sigma_j.
    public var targetChange: [Estimate]
    /// S[j][l] = 100 (mean |Delta a_l| / sigma_l) / D_j.
    public var sideEffect: [[Double]]
    /// Mean of S over j != l.
    public var sideEffectOffDiagonal: Estimate
    /// |phi_j z - z| per attribute.
    public var displacement: [Estimate]
    /// 100 |a_m(G(phi_l phi_j z)) - a_m(G(phi_j phi_l z))| / (sigma_m D_m), pairs j < l.
    public var commutativityOrder: [PairError]
    public var commutativityOrderMean: Estimate
    /// 100 |a_m(G(phi_l^-1 phi_j^-1 phi_l phi_j z)) - a_m(G(z))| / (sigma_m D_m).
    public var commutativityRoundTrip: [PairError]
    public var commutativityRoundTripMean: Estimate
    /// 100 |phi_l^-1 phi_j^-1 phi_l phi_j z - z| / |phi_j z - z|, averaged over pairs and latents.
    public var latentCommutator: Estimate
    /// Nil without an identity classifier.
    public var identity: IdentityMetrics?
    /// Held-out latents every mean is over.
    public var samples: Int
}

/// The held-out latents with everything measured on their unedited images, shared by every editor.
public struct HeldOutSet {
    public var latents: LatentBatch
    /// a_j(G(z_b)): values[j][b].
    public var attributes: [[Double]]
    /// Identity classes of G(z_b), nil without a classifier.
    public var classes: [Int]?

    public init(latents: LatentBatch, generator: some ImageGenerator, attributes: [MeasuredAttribute],
                classifier: (any IdentityClassifier)?) {
        self.latents = latents
        let images = generator.generate(latents)
        self.attributes = AttributeReadout.measure(images, attributes)
        classes = classifier?.classify(images)
    }
}

/// Computes `EditMetrics` for given edits phi_j.
public struct EditMetricsComputer {
    public var attributes: [MeasuredAttribute]
    public var bootstrap: Bootstrap
    /// Floor of D_j in the side-effect and commutativity denominators: an edit that does not
    /// move its own attribute gives huge (finite) errors, not a division by zero.
    public static let minimumTargetChange = 1e-6

    /// D_j as a denominator: floored at `minimumTargetChange`.
    static func floored(_ d: Double) -> Double { Swift.max(d, minimumTargetChange) }

    public init(attributes: [MeasuredAttribute], bootstrap: Bootstrap) {
        self.attributes = attributes
        self.bootstrap = bootstrap
    }

    public func compute(edits: [MatchedEdit], editor: some EditFunction, generator: some ImageGenerator,
                        classifier: (any IdentityClassifier)?, heldOut: HeldOutSet) -> EditMetrics {
        let z = heldOut.latents, n = z.count, count = attributes.count
        let base = heldOut.attributes
        // |Delta a_l| / sigma_l for the edit of attribute j: change[j][l][b].
        var change: [[[Double]]] = [], edited: [LatentBatch] = [], displacement: [Estimate] = []
        var identityFlags: [[Double]] = []
        for edit in edits {
            let z1 = edit.apply(z, with: editor)
            edited.append(z1)
            displacement.append(bootstrap.mean(z1.distances(to: z)))
            let images = generator.generate(z1)
            let after = AttributeReadout.measure(images, attributes)
            change.append(attributes.indices.map { TargetChange.perLatent(before: base[$0], after: after[$0], attribute: attributes[$0]) })
            if let classifier, let classes = heldOut.classes {
                identityFlags.append(zip(classifier.classify(images), classes).map { $0 == $1 ? 0 : 100 })
            }
        }
        let targetChange = attributes.indices.map { bootstrap.mean(change[$0][$0]) }
        let d = targetChange.map { Self.floored($0.mean) }

        var sideEffect = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
        for j in 0 ..< count {
            for l in 0 ..< count { sideEffect[j][l] = j == l ? 100 : 100 * mean(change[j][l]) / d[j] }
        }
        // The off-diagonal mean of S[j][l] = 100 mean(change[j][l]) / D_j: a ratio of means, so the
        // bootstrap recomputes D_j on every resample (columns: change[j][l], row-major).
        let offCount = Double(Swift.max(count * (count - 1), 1))
        let offDiagonal = bootstrap.statistic(change.flatMap { $0 }) { m in
            var sum = 0.0
            for j in 0 ..< count {
                let dj = Self.floored(m[j * count + j])
                for l in 0 ..< count where l != j { sum += 100 * m[j * count + l] / dj }
            }
            return sum / offCount
        }

        let commutativity = CommutativityComputer(attributes: attributes, targetChange: (0 ..< count).map { change[$0][$0] },
                                                  bootstrap: bootstrap)
            .compute(edits: edits, edited: edited, editor: editor, generator: generator, heldOut: heldOut)

        var identity: IdentityMetrics?
        if !identityFlags.isEmpty {
            let perLatent = (0 ..< n).map { b in identityFlags.reduce(0) { $0 + $1[b] } / Double(identityFlags.count) }
            identity = IdentityMetrics(perAttribute: identityFlags.map { bootstrap.mean($0) }, mean: bootstrap.mean(perLatent))
        }
        return EditMetrics(edits: edits, targetChange: targetChange, sideEffect: sideEffect,
                           sideEffectOffDiagonal: count > 1 ? offDiagonal : bootstrap.mean([]),
                           displacement: displacement,
                           commutativityOrder: commutativity.order, commutativityOrderMean: commutativity.orderMean,
                           commutativityRoundTrip: commutativity.roundTrip, commutativityRoundTripMean: commutativity.roundTripMean,
                           latentCommutator: commutativity.latentCommutator, identity: identity, samples: n)
    }

    func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
}
