/// im2col / col2im for convolutions over a whole batch at once.
///
/// Geometry: image [N, C, H, W], kernel kh x kw, stride s, padding p,
/// output Ho = (H + 2p - kh) / s + 1, Wo likewise, L = Ho * Wo.
/// Columns: col [C*kh*kw, N*L], row (c*kh + i)*kw + j, column n*L + oh*Wo + ow,
/// col[row, col] = x[n, c, oh*s - p + i, ow*s - p + j] (0 outside the image).
/// One batch-wide column matrix makes a single large sgemm per convolution.
struct ConvGeometry {
    let n, c, h, w, kh, kw, stride, pad: Int
    var ho: Int { (h + 2 * pad - kh) / stride + 1 }
    var wo: Int { (w + 2 * pad - kw) / stride + 1 }
    var l: Int { ho * wo }
    var rows: Int { c * kh * kw }
    var cols: Int { n * l }

    /// Output columns ow whose input column ow*s - p + j lies inside 0..<w.
    @inline(__always) func validRange(_ j: Int, _ size: Int, _ outSize: Int) -> (Int, Int) {
        // ow*s - p + j >= 0  <=>  ow >= ceil((p - j) / s)
        let lo = Swift.max(0, (pad - j + stride - 1) / stride)
        // ow*s - p + j <= size - 1  <=>  ow <= floor((size - 1 + p - j) / s)
        let t = size - 1 + pad - j
        let hi = t < 0 ? 0 : Swift.min(outSize, t / stride + 1)
        return (Swift.min(lo, hi), hi)
    }
}

/// x [N,C,H,W] -> col [C*kh*kw, N*L]
func im2col(_ x: UnsafePointer<Float>, _ g: ConvGeometry, _ col: UnsafeMutablePointer<Float>) {
    let ho = g.ho, wo = g.wo, l = g.l, nl = g.cols, s = g.stride
    // Loop order keeps one input plane (n, c) in L1 across its kh*kw passes.
    for c in 0..<g.c {
        for n in 0..<g.n {
            let plane = x + (n * g.c + c) * g.h * g.w
            for i in 0..<g.kh {
                for j in 0..<g.kw {
                    let row = col + ((c * g.kh + i) * g.kw + j) * nl
                    let (lo, hi) = g.validRange(j, g.w, wo)
                    for oh in 0..<ho {
                        let dst = row + n * l + oh * wo
                        let ih = oh * s - g.pad + i
                        if ih < 0 || ih >= g.h {
                            dst.initialize(repeating: 0, count: wo)
                            continue
                        }
                        let src = plane + ih * g.w - g.pad + j
                        for ow in 0..<lo { dst[ow] = 0 }
                        if s == 1 {
                            (dst + lo).update(from: src + lo, count: hi - lo)
                        } else {
                            for ow in lo..<hi { dst[ow] = src[ow * s] }
                        }
                        for ow in hi..<wo { dst[ow] = 0 }
                    }
                }
            }
        }
    }
}

/// col [C*kh*kw, N*L] -> x [N,C,H,W], accumulating (x += ...; caller zeroes x).
func col2im(_ col: UnsafePointer<Float>, _ g: ConvGeometry, _ x: UnsafeMutablePointer<Float>) {
    let ho = g.ho, wo = g.wo, l = g.l, nl = g.cols, s = g.stride
    // Loop order keeps one output plane (n, c) in L1 across its kh*kw passes.
    for c in 0..<g.c {
        for n in 0..<g.n {
            let plane = x + (n * g.c + c) * g.h * g.w
            for i in 0..<g.kh {
                for j in 0..<g.kw {
                    let row = col + ((c * g.kh + i) * g.kw + j) * nl
                    let (lo, hi) = g.validRange(j, g.w, wo)
                    for oh in 0..<ho {
                        let ih = oh * s - g.pad + i
                        if ih < 0 || ih >= g.h { continue }
                        let src = row + n * l + oh * wo
                        let dst = plane + ih * g.w - g.pad + j
                        for ow in lo..<hi { dst[ow * s] += src[ow] }
                    }
                }
            }
        }
    }
}

/// src [A, B, L] -> dst [B, A, L] (swap the first two axes of a 3-D block).
func swapAxes01(_ src: UnsafePointer<Float>, _ a: Int, _ b: Int, _ l: Int, _ dst: UnsafeMutablePointer<Float>) {
    for i in 0..<a {
        for j in 0..<b {
            (dst + (j * a + i) * l).update(from: src + (i * b + j) * l, count: l)
        }
    }
}

/// Adds bias[c] to every element of channel c of y [N, C, L].
func addChannelBias(_ y: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, _ n: Int, _ c: Int, _ l: Int) {
    for i in 0..<n {
        for ch in 0..<c {
            let p = y + (i * c + ch) * l, v = bias[ch]
            for k in 0..<l { p[k] += v }
        }
    }
}

/// Per-channel sums of g [N, C, L] into out [C] (the bias gradient).
func channelSums(_ g: UnsafePointer<Float>, _ n: Int, _ c: Int, _ l: Int, _ out: UnsafeMutablePointer<Float>) {
    out.initialize(repeating: 0, count: c)
    for i in 0..<n {
        for ch in 0..<c {
            out[ch] += sumRun(g + (i * c + ch) * l, l)
        }
    }
}
