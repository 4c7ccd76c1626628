/// Unaligned loads and stores of SIMD vectors of floats at a pointer, for the
/// hand-vectorized kernels (im2col, col2im, the optimizer, `addInPlace`). The compiler does not
/// vectorize those loops itself: it cannot prove that their pointers do not alias.
/// Elementwise SIMD arithmetic rounds exactly as the scalar code does (no fused
/// multiply-add is formed), so a vectorized kernel gives the same floats.

@inlinable @inline(__always)
public func load4(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
}

@inlinable @inline(__always)
public func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inlinable @inline(__always)
public func store4(_ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
}

@inlinable @inline(__always)
public func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
}

/// dst[i] += src[i] for i < count, eight at a time: the sum of partial products and
/// gradients (the same floats as the scalar loop, each sum is one addition).
func addInPlace(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, _ count: Int) {
    var i = 0
    while i + 8 <= count { store8(load8(dst + i) + load8(src + i), dst + i); i += 8 }
    while i < count { dst[i] += src[i]; i += 1 }
}
