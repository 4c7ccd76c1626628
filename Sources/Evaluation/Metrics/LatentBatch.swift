// Latents as plain values for the metrics: B rows of D Floats, row-major
// (the layout of a Tensor [B, D], so adapters copy one array).

import Tensor

/// B latents of dimension D.
public struct LatentBatch: Equatable, Sendable {
    public var count: Int
    public var dim: Int
    public var values: [Float]

    public init(count: Int, dim: Int, values: [Float]) {
        precondition(values.count == count * dim, "LatentBatch: \(values.count) values do not fill [\(count), \(dim)]")
        self.count = count
        self.dim = dim
        self.values = values
    }

    /// z ~ N(0, I_D), B rows, from a seeded RNG (identical on every machine).
    public static func normal(count: Int, dim: Int, seed: UInt64) -> LatentBatch {
        var rng = RNG(seed: seed)
        return LatentBatch(count: count, dim: dim, values: (0 ..< count * dim).map { _ in rng.normal() })
    }

    public func row(_ b: Int) -> ArraySlice<Float> { values[b * dim ..< (b + 1) * dim] }

    /// Rows `range`, in order.
    public func rows(_ range: Range<Int>) -> LatentBatch {
        LatentBatch(count: range.count, dim: dim, values: Array(values[range.lowerBound * dim ..< range.upperBound * dim]))
    }

    /// |self_b - other_b| for every row b (Euclidean norm, in Double).
    public func distances(to other: LatentBatch) -> [Double] {
        precondition(count == other.count && dim == other.dim, "LatentBatch.distances: shapes differ")
        return (0 ..< count).map { b in
            var s = 0.0
            for i in b * dim ..< (b + 1) * dim {
                let d = Double(values[i]) - Double(other.values[i])
                s += d * d
            }
            return s.squareRoot()
        }
    }

    /// The batches stacked row-wise (all of one dimension).
    public static func concatenating(_ batches: [LatentBatch]) -> LatentBatch {
        let dim = batches.first?.dim ?? 0
        precondition(batches.allSatisfy { $0.dim == dim }, "LatentBatch.concatenating: dimensions differ")
        return LatentBatch(count: batches.reduce(0) { $0 + $1.count }, dim: dim, values: batches.flatMap(\.values))
    }
}
