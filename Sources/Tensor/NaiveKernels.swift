/// Slow, obviously-correct loop versions of the BLAS-backed kernels, kept
/// beside them (llm.c style) so tests can check the fast ones against them.
/// Double accumulation; no graph is recorded.
public enum NaiveKernels {
    /// C [M,N] = A [M,K] B [K,N]
    public static func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
        let m = a.shape[0], k = a.shape[1], n = b.shape[1]
        precondition(b.shape[0] == k, "NaiveKernels.matmul: \(a.shape) x \(b.shape)")
        let c = Tensor(shape: [m, n])
        for i in 0..<m {
            for j in 0..<n {
                var acc: Double = 0
                for p in 0..<k { acc += Double(a.ptr[i * k + p]) * Double(b.ptr[p * n + j]) }
                c.ptr[i * n + j] = Float(acc)
            }
        }
        return c
    }

    /// y[n,o,oh,ow] = b[o] + sum_{c,i,j} x[n,c,oh*s-p+i, ow*s-p+j] w[o,c,i,j]
    public static func conv2d(_ x: Tensor, _ w: Tensor, bias: Tensor?, stride s: Int, padding p: Int) -> Tensor {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (co, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let ho = (h + 2 * p - kh) / s + 1, wo = (wd + 2 * p - kw) / s + 1
        let y = Tensor(shape: [n, co, ho, wo])
        for b in 0..<n { for o in 0..<co { for oh in 0..<ho { for ow in 0..<wo {
            var acc = Double(bias?.ptr[o] ?? 0)
            for ci in 0..<c { for i in 0..<kh { for j in 0..<kw {
                let ih = oh * s - p + i, iw = ow * s - p + j
                if ih < 0 || ih >= h || iw < 0 || iw >= wd { continue }
                acc += Double(x.ptr[((b * c + ci) * h + ih) * wd + iw]) * Double(w.ptr[((o * c + ci) * kh + i) * kw + j])
            } } }
            y.ptr[((b * co + o) * ho + oh) * wo + ow] = Float(acc)
        } } } }
        return y
    }

    /// Gradients of conv2d: dx and dw for output gradient gy.
    public static func conv2dBackward(_ x: Tensor, _ w: Tensor, _ gy: Tensor, stride s: Int, padding p: Int) -> (dx: Tensor, dw: Tensor) {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (co, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let ho = gy.shape[2], wo = gy.shape[3]
        var dx = [Double](repeating: 0, count: x.count), dw = [Double](repeating: 0, count: w.count)
        for b in 0..<n { for o in 0..<co { for oh in 0..<ho { for ow in 0..<wo {
            let g = Double(gy.ptr[((b * co + o) * ho + oh) * wo + ow])
            for ci in 0..<c { for i in 0..<kh { for j in 0..<kw {
                let ih = oh * s - p + i, iw = ow * s - p + j
                if ih < 0 || ih >= h || iw < 0 || iw >= wd { continue }
                let xi = ((b * c + ci) * h + ih) * wd + iw, wi = ((o * c + ci) * kh + i) * kw + j
                dx[xi] += g * Double(w.ptr[wi])
                dw[wi] += g * Double(x.ptr[xi])
            } } }
        } } } }
        return (Tensor(dx.map(Float.init), shape: x.shape), Tensor(dw.map(Float.init), shape: w.shape))
    }

    /// Transposed convolution as a scatter: y[n,o,ih*s-p+i, iw*s-p+j] += x[n,c,ih,iw] w[c,o,i,j].
    public static func convTranspose2d(_ x: Tensor, _ w: Tensor, bias: Tensor?, stride s: Int, padding p: Int) -> Tensor {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (co, kh, kw) = (w.shape[1], w.shape[2], w.shape[3])
        let ho = (h - 1) * s - 2 * p + kh, wo = (wd - 1) * s - 2 * p + kw
        var y = [Double](repeating: 0, count: n * co * ho * wo)
        for b in 0..<n { for o in 0..<co { for q in 0..<(ho * wo) { y[(b * co + o) * ho * wo + q] = Double(bias?.ptr[o] ?? 0) } } }
        for b in 0..<n { for ci in 0..<c { for ih in 0..<h { for iw in 0..<wd {
            let v = Double(x.ptr[((b * c + ci) * h + ih) * wd + iw])
            for o in 0..<co { for i in 0..<kh { for j in 0..<kw {
                let oh = ih * s - p + i, ow = iw * s - p + j
                if oh < 0 || oh >= ho || ow < 0 || ow >= wo { continue }
                y[((b * co + o) * ho + oh) * wo + ow] += v * Double(w.ptr[((ci * co + o) * kh + i) * kw + j])
            } } }
        } } } }
        return Tensor(y.map(Float.init), shape: [n, co, ho, wo])
    }

    /// Gradients of convTranspose2d: dx and dw for output gradient gy.
    public static func convTranspose2dBackward(_ x: Tensor, _ w: Tensor, _ gy: Tensor, stride s: Int, padding p: Int) -> (dx: Tensor, dw: Tensor) {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (co, kh, kw) = (w.shape[1], w.shape[2], w.shape[3])
        let ho = gy.shape[2], wo = gy.shape[3]
        var dx = [Double](repeating: 0, count: x.count), dw = [Double](repeating: 0, count: w.count)
        for b in 0..<n { for ci in 0..<c { for ih in 0..<h { for iw in 0..<wd {
            let xi = ((b * c + ci) * h + ih) * wd + iw
            for o in 0..<co { for i in 0..<kh { for j in 0..<kw {
                let oh = ih * s - p + i, ow = iw * s - p + j
                if oh < 0 || oh >= ho || ow < 0 || ow >= wo { continue }
                let g = Double(gy.ptr[((b * co + o) * ho + oh) * wo + ow]), wi = ((ci * co + o) * kh + i) * kw + j
                dx[xi] += g * Double(w.ptr[wi])
                dw[wi] += g * Double(x.ptr[xi])
            } } }
        } } } }
        return (Tensor(dx.map(Float.init), shape: x.shape), Tensor(dw.map(Float.init), shape: w.shape))
    }
}
