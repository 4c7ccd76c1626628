/// 2-D convolution and transposed convolution (NCHW, PyTorch weight layouts),
/// through im2col/col2im and one batch-wide sgemm each way.

/// y [N,Cout,Ho,Wo] = conv(x [N,Cin,H,W], w [Cout,Cin,kh,kw]) + bias [Cout].
/// Forward:  Y2 [Cout, N*L] = W [Cout, K] . col [K, N*L], K = Cin*kh*kw.
/// Backward: dW = dY2 . col^T,  dcol = W^T . dY2 -> col2im -> dx,  db = sum dY.
public func conv2d(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
    precondition(x.rank == 4 && weight.rank == 4 && weight.shape[1] == x.shape[1],
                 "conv2d: input \(x.shape) [N,Cin,H,W] does not match weight \(weight.shape) [Cout,Cin,kh,kw]")
    let cout = weight.shape[0]
    precondition(bias == nil || bias!.shape == [cout], "conv2d: bias shape \(bias!.shape) should be [\(cout)]")
    let g = ConvGeometry(n: x.shape[0], c: x.shape[1], h: x.shape[2], w: x.shape[3],
                         kh: weight.shape[2], kw: weight.shape[3], stride: stride, pad: padding)
    precondition(stride >= 1 && g.ho >= 1 && g.wo >= 1 && x.shape[2] + 2 * padding >= g.kh && x.shape[3] + 2 * padding >= g.kw,
                 "conv2d: kernel \(weight.shape[2])x\(weight.shape[3]) with stride \(stride), padding \(padding) does not fit input \(x.shape)")
    let k = g.rows, nl = g.cols, l = g.l, n = g.n
    let out = Tensor(uninitialized: [n, cout, g.ho, g.wo])
    // The columns are kept for the weight gradient when a graph will be recorded
    // (saves recomputing im2col in backward); otherwise they go back to the pool.
    let col = Storage(count: k * nl)
    im2col(x.ptr, g, col.base)
    if n == 1 {
        sgemm(false, false, cout, nl, k, 1, weight.ptr, k, col.base, nl, 0, out.ptr, nl)
        if let bias { addChannelBias(out.ptr, bias.ptr, n, cout, l) }
    } else {
        withScratch(cout * nl) { y2 in
            sgemm(false, false, cout, nl, k, 1, weight.ptr, k, col.base, nl, 0, y2, nl)
            swapAxes01(y2, cout, n, l, out.ptr, bias: bias?.ptr)
        }
    }
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    let savedCol = Tensor.isGradEnabled && weight.requiresGrad ? col : nil
    return out.record(inputs) { _, gy in
        withScratch(cout * nl) { gy2 in
            swapAxes01(gy.ptr, n, cout, l, gy2)            // [N,Cout,L] -> [Cout,N*L]
            if weight.requiresGrad {
                weight.accumulateGrad { gw, beta in
                    if let savedCol {
                        sgemm(false, true, cout, k, nl, 1, gy2, nl, savedCol.base, nl, beta, gw, k)
                    } else {
                        withScratch(k * nl) { col in
                            im2col(x.ptr, g, col)
                            sgemm(false, true, cout, k, nl, 1, gy2, nl, col, nl, beta, gw, k)
                        }
                    }
                }
            }
            if x.requiresGrad {
                let gx = Tensor(uninitialized: x.shape)
                withScratch(k * nl) { dcol in
                    sgemm(true, false, k, nl, cout, 1, weight.ptr, k, gy2, nl, 0, dcol, nl)
                    col2im(dcol, g, gx.ptr)
                }
                x.accumulateGrad(owned: gx)
            }
        }
        if let bias, bias.requiresGrad {
            let gb = Tensor(uninitialized: [cout])
            channelSums(gy.ptr, n, cout, l, gb.ptr)
            bias.accumulateGrad(owned: gb)
        }
    }
}

/// y [N,Cout,Ho,Wo] = convT(x [N,Cin,H,W], w [Cin,Cout,kh,kw]) + bias [Cout],
/// Ho = (H - 1) s - 2p + kh: the gradient of conv2d with respect to its input.
/// Forward:  col [Cout*kh*kw, N*H*W] = W^T . X2, X2 = x as [Cin, N*H*W]; y = col2im(col).
/// Backward: dcol = im2col(dy);  dX2 = W . dcol;  dW = X2 . dcol^T;  db = sum dy.
public func convTranspose2d(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
    precondition(x.rank == 4 && weight.rank == 4 && weight.shape[0] == x.shape[1],
                 "convTranspose2d: input \(x.shape) [N,Cin,H,W] does not match weight \(weight.shape) [Cin,Cout,kh,kw]")
    let n = x.shape[0], cin = x.shape[1], hi = x.shape[2], wi = x.shape[3]
    let cout = weight.shape[1], kh = weight.shape[2], kw = weight.shape[3]
    precondition(bias == nil || bias!.shape == [cout], "convTranspose2d: bias shape \(bias!.shape) should be [\(cout)]")
    let ho = (hi - 1) * stride - 2 * padding + kh, wo = (wi - 1) * stride - 2 * padding + kw
    precondition(stride >= 1 && ho >= 1 && wo >= 1, "convTranspose2d: padding \(padding) too large for input \(x.shape) and kernel \(kh)x\(kw)")
    // Conv geometry of the output image: convolving y gives back H x W.
    let g = ConvGeometry(n: n, c: cout, h: ho, w: wo, kh: kh, kw: kw, stride: stride, pad: padding)
    let k = g.rows, li = hi * wi, nl = n * li
    let out = Tensor(uninitialized: [n, cout, ho, wo])
    withScratch(cin * nl) { x2 in
        swapAxes01(x.ptr, n, cin, li, x2)                  // [N,Cin,L] -> [Cin,N*L]
        withScratch(k * nl) { col in
            sgemm(true, false, k, nl, cin, 1, weight.ptr, k, x2, nl, 0, col, nl)
            col2im(col, g, out.ptr)
        }
    }
    if let bias { addChannelBias(out.ptr, bias.ptr, n, cout, ho * wo) }
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    return out.record(inputs) { _, gy in
        if x.requiresGrad || weight.requiresGrad {
            withScratch(k * nl) { dcol in
                im2col(gy.ptr, g, dcol)
                if x.requiresGrad {
                    let gx = Tensor(uninitialized: x.shape)
                    if n == 1 {
                        sgemm(false, false, cin, nl, k, 1, weight.ptr, k, dcol, nl, 0, gx.ptr, nl)
                    } else {
                        withScratch(cin * nl) { gx2 in
                            sgemm(false, false, cin, nl, k, 1, weight.ptr, k, dcol, nl, 0, gx2, nl)
                            swapAxes01(gx2, cin, n, li, gx.ptr)
                        }
                    }
                    x.accumulateGrad(owned: gx)
                }
                if weight.requiresGrad {
                    weight.accumulateGrad { gw, beta in
                        withScratch(cin * nl) { x2 in
                            swapAxes01(x.ptr, n, cin, li, x2)
                            sgemm(false, true, cin, k, nl, 1, x2, nl, dcol, nl, beta, gw, k)
                        }
                    }
                }
            }
        }
        if let bias, bias.requiresGrad {
            let gb = Tensor(uninitialized: [cout])
            channelSums(gy.ptr, n, cout, ho * wo, gb.ptr)
            bias.accumulateGrad(owned: gb)
        }
    }
}
