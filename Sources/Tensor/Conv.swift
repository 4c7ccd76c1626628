/// 2-D convolution and transposed convolution (NCHW, PyTorch weight layouts),
/// through im2col/col2im and sgemm over runs of a few images (`ImageChunks`),
/// whose column matrices stay in cache.

/// y [N,Cout,Ho,Wo] = conv(x [N,Cin,H,W], w [Cout,Cin,kh,kw]) + bias [Cout].
/// For each run of n images (col [K, n L], K = Cin kh kw, L = Ho Wo):
/// Forward:  Y2 [Cout, n L] = W [Cout, K] . col,  y = Y2 as [n, Cout, L].
/// Backward: dW = sum over runs of dY2 . col^T,  dcol = W^T . dY2 -> col2im -> dx,  db = sum dY.
public func conv2d(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
    conv2d(x, weight, bias: bias, stride: stride, padding: padding, columnBudget: ImageChunks.columnBudget)
}

/// `columnBudget`: floats of one run's column matrix (tests shrink it to exercise runs).
func conv2d(_ x: Tensor, _ weight: Tensor, bias: Tensor?, stride: Int, padding: Int, columnBudget: Int) -> Tensor {
    precondition(x.rank == 4 && weight.rank == 4 && weight.shape[1] == x.shape[1],
                 "conv2d: input \(x.shape) [N,Cin,H,W] does not match weight \(weight.shape) [Cout,Cin,kh,kw]")
    let cout = weight.shape[0]
    precondition(bias == nil || bias!.shape == [cout], "conv2d: bias shape \(bias!.shape) should be [\(cout)]")
    let g = ConvGeometry(n: x.shape[0], c: x.shape[1], h: x.shape[2], w: x.shape[3],
                         kh: weight.shape[2], kw: weight.shape[3], stride: stride, pad: padding)
    precondition(stride >= 1 && g.ho >= 1 && g.wo >= 1 && x.shape[2] + 2 * padding >= g.kh && x.shape[3] + 2 * padding >= g.kw,
                 "conv2d: kernel \(weight.shape[2])x\(weight.shape[3]) with stride \(stride), padding \(padding) does not fit input \(x.shape)")
    BLAS.ensureReady()
    let k = g.rows, l = g.l, n = g.n, inPlane = g.c * g.h * g.w
    let runs = ImageChunks(images: n, floatsPerImage: k * l, flops: 2 * cout * k * g.cols, budget: columnBudget)
    let out = Tensor(uninitialized: [n, cout, g.ho, g.wo])
    // Pointers read once; runs of different threads write disjoint images.
    let xp = x.ptr, wp = weight.ptr, yp = out.ptr, bp = bias?.ptr
    runs.forEach { _, run, threads in
        let r = g.batch(run.count), nl = r.cols
        let xr = xp + run.lowerBound * inPlane, yr = yp + run.lowerBound * cout * l
        withScratch(k * nl) { col in
            im2col(xr, r, col, threads: threads)
            if r.n == 1 {
                sgemm(false, false, cout, nl, k, 1, wp, k, col, nl, 0, yr, nl, threads: threads)
                if let b = bp { addChannelBias(yr, b, 1, cout, l) }
            } else {
                withScratch(cout * nl) { y2 in
                    sgemm(false, false, cout, nl, k, 1, wp, k, col, nl, 0, y2, nl, threads: threads)
                    swapAxes01(y2, cout, r.n, l, yr, bias: bp, threads: threads)
                }
            }
        }
    }
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    return out.record(inputs) { _, gy in
        let gx = x.requiresGrad ? Tensor(uninitialized: x.shape) : nil
        let gyp = gy.ptr, gxp = gx?.ptr
        // One run's backward: dY2 [Cout, n L] (gy itself for one image), then dW's share
        // into `partial` (beta 1) and dx of the run's images.
        func backward(_ run: Range<Int>, _ threads: Int, _ partial: UnsafeMutablePointer<Float>?) {
            let r = g.batch(run.count), nl = r.cols
            let gyr = gyp + run.lowerBound * cout * l
            withScratch(r.n == 1 ? 0 : cout * nl) { buffer in
                let gy2: UnsafePointer<Float>
                if r.n == 1 { gy2 = UnsafePointer(gyr) } else { swapAxes01(gyr, r.n, cout, l, buffer, threads: threads); gy2 = UnsafePointer(buffer) }
                withScratch(k * nl) { col in
                    if let partial {
                        im2col(xp + run.lowerBound * inPlane, r, col, threads: threads)
                        sgemm(false, true, cout, k, nl, 1, gy2, nl, col, nl, 1, partial, k, threads: threads)
                    }
                    if let dx = gxp {
                        sgemm(true, false, k, nl, cout, 1, wp, k, gy2, nl, 0, col, nl, threads: threads)
                        col2im(col, r, dx + run.lowerBound * inPlane, threads: threads)
                    }
                }
            }
        }
        runs.backward(weight: weight, size: cout * k, inputNeedsGradient: x.requiresGrad, backward)
        if let gx { x.accumulateGrad(owned: gx) }
        if let bias, bias.requiresGrad {
            let gb = Tensor(uninitialized: [cout])
            channelSums(gy.ptr, n, cout, l, gb.ptr)
            bias.accumulateGrad(owned: gb)
        }
    }
}

/// y [N,Cout,Ho,Wo] = convT(x [N,Cin,H,W], w [Cin,Cout,kh,kw]) + bias [Cout],
/// Ho = (H - 1) s - 2p + kh: the gradient of conv2d with respect to its input.
/// For each run of n images (X2 = x as [Cin, n H W], K = Cout kh kw):
/// Forward:  col [K, n H W] = W^T . X2;  y = col2im(col).
/// Backward: dcol = im2col(dy);  dX2 = W . dcol;  dW = sum over runs of X2 . dcol^T;  db = sum dy.
public func convTranspose2d(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
    convTranspose2d(x, weight, bias: bias, stride: stride, padding: padding, columnBudget: ImageChunks.columnBudget)
}

func convTranspose2d(_ x: Tensor, _ weight: Tensor, bias: Tensor?, stride: Int, padding: Int, columnBudget: Int) -> Tensor {
    precondition(x.rank == 4 && weight.rank == 4 && weight.shape[0] == x.shape[1],
                 "convTranspose2d: input \(x.shape) [N,Cin,H,W] does not match weight \(weight.shape) [Cin,Cout,kh,kw]")
    let n = x.shape[0], cin = x.shape[1], hi = x.shape[2], wi = x.shape[3]
    let cout = weight.shape[1], kh = weight.shape[2], kw = weight.shape[3]
    precondition(bias == nil || bias!.shape == [cout], "convTranspose2d: bias shape \(bias!.shape) should be [\(cout)]")
    let ho = (hi - 1) * stride - 2 * padding + kh, wo = (wi - 1) * stride - 2 * padding + kw
    precondition(stride >= 1 && ho >= 1 && wo >= 1, "convTranspose2d: padding \(padding) too large for input \(x.shape) and kernel \(kh)x\(kw)")
    BLAS.ensureReady()
    // Conv geometry of the output image: convolving y gives back H x W.
    let g = ConvGeometry(n: n, c: cout, h: ho, w: wo, kh: kh, kw: kw, stride: stride, pad: padding)
    let k = g.rows, li = hi * wi, outPlane = cout * ho * wo
    let runs = ImageChunks(images: n, floatsPerImage: k * li, flops: 2 * k * cin * n * li, budget: columnBudget)
    let out = Tensor(uninitialized: [n, cout, ho, wo])
    // Pointers read once; runs of different threads write disjoint images.
    let xp = x.ptr, wp = weight.ptr, yp = out.ptr
    // X2 of a run: x's images as [Cin, n Li] (x itself for one image), passed to body.
    func withX2<R>(_ run: Range<Int>, _ threads: Int, _ body: (UnsafePointer<Float>) -> R) -> R {
        let xr = xp + run.lowerBound * cin * li
        if run.count == 1 { return body(xr) }
        return withScratch(cin * run.count * li) { x2 in
            swapAxes01(xr, run.count, cin, li, x2, threads: threads)
            return body(x2)
        }
    }
    runs.forEach { _, run, threads in
        let nl = run.count * li
        withX2(run, threads) { x2 in
            withScratch(k * nl) { col in
                sgemm(true, false, k, nl, cin, 1, wp, k, x2, nl, 0, col, nl, threads: threads)
                col2im(col, g.batch(run.count), yp + run.lowerBound * outPlane, threads: threads)
            }
        }
    }
    if let bias { addChannelBias(out.ptr, bias.ptr, n, cout, ho * wo) }
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    return out.record(inputs) { _, gy in
        let gx = x.requiresGrad ? Tensor(uninitialized: x.shape) : nil
        let gyp = gy.ptr, gxp = gx?.ptr
        func backward(_ run: Range<Int>, _ threads: Int, _ partial: UnsafeMutablePointer<Float>?) {
            let nl = run.count * li
            withScratch(k * nl) { dcol in
                im2col(gyp + run.lowerBound * outPlane, g.batch(run.count), dcol, threads: threads)
                if let dx = gxp {
                    let dxr = dx + run.lowerBound * cin * li
                    if run.count == 1 {
                        sgemm(false, false, cin, nl, k, 1, wp, k, dcol, nl, 0, dxr, nl, threads: threads)
                    } else {
                        withScratch(cin * nl) { gx2 in
                            sgemm(false, false, cin, nl, k, 1, wp, k, dcol, nl, 0, gx2, nl, threads: threads)
                            swapAxes01(gx2, cin, run.count, li, dxr, threads: threads)
                        }
                    }
                }
                if let partial {
                    withX2(run, threads) { x2 in
                        sgemm(false, true, cin, k, nl, 1, x2, nl, dcol, nl, 1, partial, k, threads: threads)
                    }
                }
            }
        }
        runs.backward(weight: weight, size: cin * k, inputNeedsGradient: x.requiresGrad, backward)
        if let gx { x.accumulateGrad(owned: gx) }
        if let bias, bias.requiresGrad {
            let gb = Tensor(uninitialized: [cout])
            channelSums(gy.ptr, n, cout, ho * wo, gb.ptr)
            bias.accumulateGrad(owned: gb)
        }
    }
}
