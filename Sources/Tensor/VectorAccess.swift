/// Unaligned loads and stores of SIMD vectors of floats at a pointer, for the
/// hand-vectorized kernels (im2col, col2im, the optimizer). The compiler does not
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
