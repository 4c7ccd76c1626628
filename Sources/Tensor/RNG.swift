import Foundation

/// Seeded random numbers, identical on every run and machine:
/// xoshiro256** seeded through SplitMix64, normals by Box-Muller in Double.
public struct RNG: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64
    private var spareNormal: Double?

    public init(seed: UInt64) {
        var sm = seed
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = RNG.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = RNG.rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 bits.
    public mutating func uniformDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [0, 1) with 24 bits (exactly representable in Float).
    public mutating func uniform() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * uniform() }

    /// Standard normal (Box-Muller; the second value of each pair is kept for the next call).
    public mutating func normal() -> Float {
        if let s = spareNormal { spareNormal = nil; return Float(s) }
        var u1 = uniformDouble()
        while u1 <= 0 { u1 = uniformDouble() }
        let u2 = uniformDouble()
        let r = (-2 * Foundation.log(u1)).squareRoot()
        spareNormal = r * Foundation.sin(2 * Double.pi * u2)
        return Float(r * Foundation.cos(2 * Double.pi * u2))
    }

    /// Uniform integer in 0..<n, unbiased (rejection sampling).
    public mutating func int(below n: Int) -> Int {
        precondition(n > 0, "RNG.int(below:): n must be positive, got \(n)")
        let bound = UInt64(n)
        let limit = UInt64.max - UInt64.max % bound
        var x = next()
        while x >= limit { x = next() }
        return Int(x % bound)
    }

    /// Uniform integer in the closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// A random permutation of 0..<n (Fisher-Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n < 2 { return p }
        for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, int(below: i + 1)) }
        return p
    }
}

extension Tensor {
    /// Standard normal entries.
    public static func randn(_ shape: [Int], rng: inout RNG, requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(uninitialized: shape)
        let p = t.ptr
        for i in 0..<t.count { p[i] = rng.normal() }
        t.requiresGrad = requiresGrad
        return t
    }

    /// Uniform entries in [low, high).
    public static func rand(_ shape: [Int], low: Float = 0, high: Float = 1, rng: inout RNG,
                            requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(uninitialized: shape)
        let p = t.ptr
        for i in 0..<t.count { p[i] = rng.uniform(low, high) }
        t.requiresGrad = requiresGrad
        return t
    }
}
