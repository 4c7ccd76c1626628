/// im2col / col2im for convolutions over a whole batch at once.
///
/// Geometry: image [N, C, H, W], kernel kh x kw, stride s, padding p,
/// output Ho = (H + 2p - kh) / s + 1, Wo likewise, L = Ho * Wo.
/// Columns: col [C*kh*kw, N*L], row (c*kh + i)*kw + j, column n*L + oh*Wo + ow,
/// col[row, col] = x[n, c, oh*s - p + i, ow*s - p + j] (0 outside the image).
/// One batch-wide column matrix makes a single large sgemm per convolution.
///
/// Both kernels work one image plane (n, c) at a time through a zero-padded
/// copy of it, (H + 2p) x (W + 2p), small enough to stay in L1: the inner
/// loops then need no bounds tests, and col2im writes every output element
/// once (no zeroed output, no read-modify-write of the image). Stride 2, the
/// DCGAN case, moves kernel columns j and j+1 together: they read (im2col) or
/// write (col2im) the even and odd elements of the same padded row, which
/// SIMD de-interleaves / interleaves. `NaiveKernels.im2col/col2im` are the
/// loop definitions they are tested against.
struct ConvGeometry {
    let n, c, h, w, kh, kw, stride, pad: Int
    var ho: Int { (h + 2 * pad - kh) / stride + 1 }
    var wo: Int { (w + 2 * pad - kw) / stride + 1 }
    var l: Int { ho * wo }
    var rows: Int { c * kh * kw }
    var cols: Int { n * l }
    var paddedH: Int { h + 2 * pad }
    var paddedW: Int { w + 2 * pad }

    /// The same convolution over `images` images of the batch.
    func batch(_ images: Int) -> ConvGeometry {
        ConvGeometry(n: images, c: c, h: h, w: w, kh: kh, kw: kw, stride: stride, pad: pad)
    }
}

/// Copies plane [H, W] into padded [H+2p, W+2p] with a zero border.
@inline(__always)
private func padPlane(_ src: UnsafePointer<Float>, _ g: ConvGeometry, _ dst: UnsafeMutablePointer<Float>) {
    let p = g.pad, wp = g.paddedW
    dst.initialize(repeating: 0, count: p * wp)
    for r in 0..<g.h {
        let d = dst + (r + p) * wp
        for k in 0..<p { d[k] = 0; d[p + g.w + k] = 0 }
        (d + p).update(from: src + r * g.w, count: g.w)
    }
    (dst + (p + g.h) * wp).initialize(repeating: 0, count: p * wp)
}

/// x [N,C,H,W] -> col [C*kh*kw, N*L]
func im2col(_ x: UnsafePointer<Float>, _ g: ConvGeometry, _ col: UnsafeMutablePointer<Float>,
            threads: Int = BLAS.threads) {
    let ho = g.ho, wo = g.wo, l = g.l, nl = g.cols, s = g.stride
    let wp = g.paddedW, planeSize = g.h * g.w
    parallelChunks(g.c, work: g.rows * nl, threads: threads) { channels in withScratch(g.pad > 0 ? g.paddedH * wp : 0) { buf in
        for c in channels {
            for n in 0..<g.n {
                var src = x + (n * g.c + c) * planeSize
                if g.pad > 0 { padPlane(src, g, buf); src = UnsafePointer(buf) }
                for i in 0..<g.kh {
                    var j = 0
                    if s == 2 {
                        // Kernel columns j, j+1: even and odd elements of the same padded row.
                        while j + 1 < g.kw {
                            let d0 = col + ((c * g.kh + i) * g.kw + j) * nl + n * l, d1 = d0 + nl
                            for oh in 0..<ho {
                                let r = src + (oh * 2 + i) * wp + j, e = d0 + oh * wo, o = d1 + oh * wo
                                var ow = 0
                                while ow + 4 <= wo {
                                    let v = load8(r + 2 * ow)
                                    store4(v.evenHalf, e + ow); store4(v.oddHalf, o + ow)
                                    ow += 4
                                }
                                while ow < wo { e[ow] = r[2 * ow]; o[ow] = r[2 * ow + 1]; ow += 1 }
                            }
                            j += 2
                        }
                    }
                    while j < g.kw {
                        let d = col + ((c * g.kh + i) * g.kw + j) * nl + n * l
                        for oh in 0..<ho {
                            let r = src + (oh * s + i) * wp + j, e = d + oh * wo
                            if s == 1 {
                                var ow = 0
                                while ow + 4 <= wo { store4(load4(r + ow), e + ow); ow += 4 }
                                while ow < wo { e[ow] = r[ow]; ow += 1 }
                            } else {
                                for ow in 0..<wo { e[ow] = r[ow * s] }
                            }
                        }
                        j += 1
                    }
                }
            }
        }
    } }
}

/// col [C*kh*kw, N*L] -> x [N,C,H,W]: x = the sum of every column entry at its
/// image position (x is overwritten; positions no window covers get 0).
func col2im(_ col: UnsafePointer<Float>, _ g: ConvGeometry, _ x: UnsafeMutablePointer<Float>,
            threads: Int = BLAS.threads) {
    let ho = g.ho, wo = g.wo, l = g.l, nl = g.cols, s = g.stride
    let wp = g.paddedW, hp = g.paddedH, p = g.pad
    parallelChunks(g.c, work: g.rows * nl, threads: threads) { channels in withScratch(hp * wp) { buf in
        for c in channels {
            for n in 0..<g.n {
                buf.initialize(repeating: 0, count: hp * wp)
                for i in 0..<g.kh {
                    var j = 0
                    if s == 2 {
                        // Kernel columns j, j+1 fill the even and odd elements of one padded row.
                        while j + 1 < g.kw {
                            let a0 = col + ((c * g.kh + i) * g.kw + j) * nl + n * l, b0 = a0 + nl
                            for oh in 0..<ho {
                                let r = buf + (oh * 2 + i) * wp + j, a = a0 + oh * wo, b = b0 + oh * wo
                                var ow = 0
                                while ow + 4 <= wo {
                                    var v = SIMD8<Float>()
                                    v.evenHalf = load4(a + ow); v.oddHalf = load4(b + ow)
                                    store8(load8(r + 2 * ow) + v, r + 2 * ow)
                                    ow += 4
                                }
                                while ow < wo { r[2 * ow] += a[ow]; r[2 * ow + 1] += b[ow]; ow += 1 }
                            }
                            j += 2
                        }
                    }
                    while j < g.kw {
                        let a0 = col + ((c * g.kh + i) * g.kw + j) * nl + n * l
                        for oh in 0..<ho {
                            let r = buf + (oh * s + i) * wp + j, a = a0 + oh * wo
                            if s == 1 {
                                var ow = 0
                                while ow + 4 <= wo { store4(load4(r + ow) + load4(a + ow), r + ow); ow += 4 }
                                while ow < wo { r[ow] += a[ow]; ow += 1 }
                            } else {
                                for ow in 0..<wo { r[ow * s] += a[ow] }
                            }
                        }
                        j += 1
                    }
                }
                let plane = x + (n * g.c + c) * g.h * g.w
                for r in 0..<g.h { (plane + r * g.w).update(from: buf + (r + p) * wp + p, count: g.w) }
            }
        }
    } }
}

/// src [A, B, L] -> dst [B, A, L] (swap the first two axes of a 3-D block),
/// adding bias[b] to every element of block b when a bias is given.
func swapAxes01(_ src: UnsafePointer<Float>, _ a: Int, _ b: Int, _ l: Int, _ dst: UnsafeMutablePointer<Float>,
                bias: UnsafePointer<Float>? = nil, threads: Int = BLAS.threads) {
    parallelChunks(a, work: a * b * l, threads: threads) { rows in
        for i in rows {
            for j in 0..<b {
                let s = src + (i * b + j) * l, d = dst + (j * a + i) * l
                if let bias {
                    let v = bias[i]
                    for k in 0..<l { d[k] = s[k] + v }
                } else if l >= 64 {
                    d.update(from: s, count: l)
                } else {
                    for k in 0..<l { d[k] = s[k] }
                }
            }
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
