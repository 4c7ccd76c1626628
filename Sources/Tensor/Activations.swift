import Foundation

/// Activation functions, forward and backward side by side.
extension Tensor {
    public func relu() -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = x[i] > 0 ? x[i] : 0 } },
              { x, _, gy, gx, n in for i in 0..<n { gx[i] = x[i] > 0 ? gy[i] : 0 } })
    }

    /// x for x > 0, slope * x otherwise.
    public func leakyRelu(_ slope: Float = 0.01) -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = x[i] > 0 ? x[i] : slope * x[i] } },
              { x, _, gy, gx, n in for i in 0..<n { gx[i] = x[i] > 0 ? gy[i] : slope * gy[i] } })
    }

    /// x for x > 0, alpha (e^x - 1) otherwise; derivative y + alpha there.
    public func elu(_ alpha: Float = 1) -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = x[i] > 0 ? x[i] : alpha * (Foundation.exp(x[i]) - 1) } },
              { x, y, gy, gx, n in for i in 0..<n { gx[i] = x[i] > 0 ? gy[i] : gy[i] * (y[i] + alpha) } })
    }

    /// tanh, derivative 1 - y^2.
    public func tanh() -> Tensor {
        unary({ x, y, n in for i in 0..<n { y[i] = Foundation.tanh(x[i]) } },
              { _, y, gy, gx, n in for i in 0..<n { gx[i] = gy[i] * (1 - y[i] * y[i]) } })
    }

    /// 1 / (1 + e^-x), derivative y (1 - y).
    public func sigmoid() -> Tensor {
        unary({ x, y, n in
                  for i in 0..<n {
                      // Two branches keep exp from overflowing.
                      let v = x[i]
                      if v >= 0 { y[i] = 1 / (1 + Foundation.exp(-v)) }
                      else { let e = Foundation.exp(v); y[i] = e / (1 + e) }
                  } },
              { _, y, gy, gx, n in for i in 0..<n { gx[i] = gy[i] * y[i] * (1 - y[i]) } })
    }

    /// log(1 + e^x) computed stably as max(x, 0) + log1p(e^-|x|); derivative sigmoid(x).
    public func softplus() -> Tensor {
        unary({ x, y, n in
                  for i in 0..<n { let v = x[i]; y[i] = Swift.max(v, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(v))) } },
              { x, _, gy, gx, n in
                  for i in 0..<n {
                      let v = x[i]
                      let s: Float = v >= 0 ? 1 / (1 + Foundation.exp(-v)) : Foundation.exp(v) / (1 + Foundation.exp(v))
                      gx[i] = gy[i] * s
                  } })
    }
}
