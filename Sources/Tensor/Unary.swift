import Foundation

/// Elementwise math functions. Each forward loop is followed by its backward:
/// the closure receives x, y = f(x) and dL/dy and writes dL/dx.

typealias UnaryBackward = (_ x: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                           _ gy: UnsafeMutablePointer<Float>, _ gx: UnsafeMutablePointer<Float>, _ n: Int) -> Void

extension Tensor {
    /// Applies `forward(x, y, n)` then records `backward`: elementwise kernels, run
    /// on contiguous chunks (one per thread) of the buffer.
    @inline(__always)
    func unary(_ forward: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void,
               _ backward: @escaping UnaryBackward) -> Tensor {
        let out = Tensor(uninitialized: shape)
        let x = ptr, y = out.ptr
        parallelChunks(count, work: count) { r in forward(x + r.lowerBound, y + r.lowerBound, r.count) }
        return out.record([self]) { out, g in
            let gx = Tensor(uninitialized: self.shape)
            let x = self.ptr, y = out.ptr, gy = g.ptr, d = gx.ptr
            parallelChunks(self.count, work: self.count) { r in
                let o = r.lowerBound
                backward(x + o, y + o, gy + o, d + o, r.count)
            }
            self.accumulateGrad(owned: gx)
        }
    }

    public func exp() -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = Foundation.exp(x[i]) } },
              { _, y, gy, gx, n in for i in 0..<n { gx[i] = gy[i] * y[i] } })
    }

    public func log() -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = Foundation.log(x[i]) } },
              { x, _, gy, gx, n in for i in 0..<n { gx[i] = gy[i] / x[i] } })
    }

    public func sqrt() -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = x[i].squareRoot() } },
              { _, y, gy, gx, n in for i in 0..<n { gx[i] = gy[i] * 0.5 / y[i] } })
    }

    public func square() -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = x[i] * x[i] } },
              { x, _, gy, gx, n in for i in 0..<n { gx[i] = gy[i] * 2 * x[i] } })
    }

    /// x^p for a constant exponent p.
    public func pow(_ p: Float) -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = Foundation.pow(x[i], p) } },
              { x, _, gy, gx, n in for i in 0..<n { gx[i] = gy[i] * p * Foundation.pow(x[i], p - 1) } })
    }

    public func reciprocal() -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = 1 / x[i] } },
              { _, y, gy, gx, n in for i in 0..<n { gx[i] = -gy[i] * y[i] * y[i] } })
    }

    /// |x|, with gradient sign(x) (0 at 0).
    public func abs() -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = Swift.abs(x[i]) } },
              { x, _, gy, gx, n in
                  for i in 0..<n { let v = x[i], g = gy[i]; gx[i] = v > 0 ? g : (v < 0 ? -g : 0) } })
    }

    /// min(max(x, lo), hi); gradient passes only where lo <= x <= hi.
    public func clamp(min lo: Float = -.infinity, max hi: Float = .infinity) -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = Swift.min(Swift.max(x[i], lo), hi) } },
              { x, _, gy, gx, n in for i in 0..<n { let v = x[i], g = gy[i]; gx[i] = (v >= lo && v <= hi) ? g : 0 } })
    }
}
