// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator whose output is
// defined by integer arithmetic only, so the same seed gives the same stream on
// every machine. Datasets owns its RNG so that data never depends on the engine's.

public struct DatasetRNG: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for item `index` of the stream `seed`: lets any item be produced
    /// on its own (random access, independent of how many came before).
    public init(seed: UInt64, index: UInt64) {
        var mixer = DatasetRNG(seed: seed ^ 0x6A09_E667_F3BC_C909)
        let base = mixer.next()
        state = base &+ index &* 0x9E37_79B9_7F4A_7C15
        _ = next() // decorrelate neighbouring indices
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [range.lowerBound, range.upperBound).
    public mutating func nextDouble(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
    }

    /// Uniform in 0..<count, unbiased (Lemire's multiply-and-reject).
    public mutating func nextIndex(below count: Int) -> Int {
        precondition(count > 0, "nextIndex(below:) needs a positive count")
        let bound = UInt64(count)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }
}
