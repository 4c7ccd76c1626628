/// Pooling over NCHW images (no padding; windows that do not fit are dropped,
/// as in PyTorch with ceil_mode = false).

extension Tensor {
    func poolGeometry(_ kernel: Int, _ stride: Int, _ op: String) -> (n: Int, c: Int, h: Int, w: Int, ho: Int, wo: Int) {
        precondition(rank == 4 && kernel >= 1 && stride >= 1 && shape[2] >= kernel && shape[3] >= kernel,
                     "\(op): kernel \(kernel), stride \(stride) do not fit input \(shape) [N,C,H,W]")
        return (shape[0], shape[1], shape[2], shape[3], (shape[2] - kernel) / stride + 1, (shape[3] - kernel) / stride + 1)
    }
}

/// Max over each kernel x kernel window; the gradient goes to the (first) maximum. As in
/// PyTorch a NaN counts as the maximum (it propagates), and a window of -inf picks its own
/// first element, so the gradient always lands inside the window.
public func maxPool2d(_ x: Tensor, kernel: Int, stride: Int? = nil) -> Tensor {
    let s = stride ?? kernel
    let (n, c, h, w, ho, wo) = x.poolGeometry(kernel, s, "maxPool2d")
    let out = Tensor(uninitialized: [n, c, ho, wo])
    var argmax = [Int32](repeating: 0, count: out.count)   // offset inside the input plane
    argmax.withUnsafeMutableBufferPointer { am in
        let m = am.baseAddress!
        for p in 0..<(n * c) {
            let src = x.ptr + p * h * w, dst = out.ptr + p * ho * wo, idx = m + p * ho * wo
            for oh in 0..<ho {
                for ow in 0..<wo {
                    var at = oh * s * w + ow * s, best = src[at]
                    for i in 0..<kernel {
                        let r = (oh * s + i) * w + ow * s
                        for j in 0..<kernel where !best.isNaN && (src[r + j] > best || src[r + j].isNaN) {
                            best = src[r + j]; at = r + j
                        }
                    }
                    dst[oh * wo + ow] = best; idx[oh * wo + ow] = Int32(at)
                }
            }
        }
    }
    return out.record([x]) { _, g in
        let gx = Tensor.zeros(x.shape)
        for p in 0..<(n * c) {
            let gp = g.ptr + p * ho * wo, dst = gx.ptr + p * h * w
            for q in 0..<(ho * wo) { dst[Int(argmax[p * ho * wo + q])] += gp[q] }
        }
        x.accumulateGrad(gx)
    }
}

/// Mean over each kernel x kernel window.
public func avgPool2d(_ x: Tensor, kernel: Int, stride: Int? = nil) -> Tensor {
    let s = stride ?? kernel
    let (n, c, h, w, ho, wo) = x.poolGeometry(kernel, s, "avgPool2d")
    let out = Tensor(uninitialized: [n, c, ho, wo])
    let scale = 1 / Float(kernel * kernel)
    for p in 0..<(n * c) {
        let src = x.ptr + p * h * w, dst = out.ptr + p * ho * wo
        for oh in 0..<ho {
            for ow in 0..<wo {
                var acc: Float = 0
                for i in 0..<kernel {
                    let r = src + (oh * s + i) * w + ow * s
                    for j in 0..<kernel { acc += r[j] }
                }
                dst[oh * wo + ow] = acc * scale
            }
        }
    }
    return out.record([x]) { _, g in
        let gx = Tensor.zeros(x.shape)
        for p in 0..<(n * c) {
            let gp = g.ptr + p * ho * wo, dst = gx.ptr + p * h * w
            for oh in 0..<ho {
                for ow in 0..<wo {
                    let v = gp[oh * wo + ow] * scale
                    for i in 0..<kernel {
                        let r = dst + (oh * s + i) * w + ow * s
                        for j in 0..<kernel { r[j] += v }
                    }
                }
            }
        }
        x.accumulateGrad(gx)
    }
}

/// Mean over H and W: [N,C,H,W] -> [N,C].
public func globalAvgPool2d(_ x: Tensor) -> Tensor {
    precondition(x.rank == 4, "globalAvgPool2d: expected [N,C,H,W], got \(x.shape)")
    return x.reshape([x.shape[0], x.shape[1], x.shape[2] * x.shape[3]]).mean(axis: 2)
}
