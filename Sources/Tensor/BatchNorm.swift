/// Batch normalisation over the channel axis of [N,C] or [N,C,H,W]
/// (statistics over N, or N,H,W: M values per channel).
///
/// Training: mean_c, var_c (biased) from the batch; xhat = (x - mean) / sqrt(var + eps);
/// y = gamma xhat + beta. Running statistics (updated in place, no gradient):
/// running = (1 - momentum) running + momentum stat, with the unbiased
/// variance var * M / (M - 1), as PyTorch does.
/// Backward (training): dxhat = dy gamma,
///   dx = invstd / M * (M dxhat - sum dxhat - xhat sum(dxhat xhat)),
///   dgamma = sum dy xhat, dbeta = sum dy.
/// Eval: the running statistics are constants, dx = dy gamma invstd.
public func batchNorm(_ x: Tensor, runningMean: Tensor, runningVar: Tensor,
                      weight: Tensor? = nil, bias: Tensor? = nil,
                      training: Bool, momentum: Float = 0.1, eps: Float = 1e-5) -> Tensor {
    precondition(x.rank == 2 || x.rank == 4, "batchNorm: expected [N,C] or [N,C,H,W], got \(x.shape)")
    let n = x.shape[0], c = x.shape[1], l = x.rank == 4 ? x.shape[2] * x.shape[3] : 1
    precondition(runningMean.shape == [c] && runningVar.shape == [c]
                 && (weight == nil || weight!.shape == [c]) && (bias == nil || bias!.shape == [c]),
                 "batchNorm: running statistics, weight and bias must all be [\(c)] for input \(x.shape)")
    let m = n * l
    precondition(!training || m > 1, "batchNorm: training needs more than one value per channel, input \(x.shape)")
    // Per-channel statistics, kept for backward; channels run in parallel chunks.
    let stats = Tensor(uninitialized: [2, c])
    let mean = stats.ptr, invstd = stats.ptr + c
    let xp = x.ptr, work = x.count
    parallelChunks(c, work: work) { channels in for ch in channels {
        if training {
            // Per-plane Float sums (vectorised), planes accumulated in Double;
            // two passes (mean, then squared deviations) for accuracy.
            var s: Double = 0, ss: Double = 0
            for i in 0..<n { s += Double(sumRun(xp + (i * c + ch) * l, l)) }
            let mu = s / Double(m)
            for i in 0..<n { ss += Double(dotRun(xp + (i * c + ch) * l, xp + (i * c + ch) * l, l, Float(mu), Float(mu))) }
            let v = ss / Double(m)
            mean[ch] = Float(mu); invstd[ch] = Float(1 / (v + Double(eps)).squareRoot())
            runningMean.ptr[ch] = (1 - momentum) * runningMean.ptr[ch] + momentum * Float(mu)
            runningVar.ptr[ch] = (1 - momentum) * runningVar.ptr[ch] + momentum * Float(v * Double(m) / Double(m - 1))
        } else {
            mean[ch] = runningMean.ptr[ch]; invstd[ch] = 1 / (runningVar.ptr[ch] + eps).squareRoot()
        }
    } }
    // y = gamma * (x - mean) * invstd + beta, as a per-channel scale and shift.
    let out = Tensor(uninitialized: x.shape)
    let yp = out.ptr
    parallelChunks(c, work: work) { channels in for ch in channels {
        let gamma = weight?.ptr[ch] ?? 1, beta = bias?.ptr[ch] ?? 0
        let a = gamma * invstd[ch], b = beta - mean[ch] * a
        for i in 0..<n {
            let src = xp + (i * c + ch) * l, dst = yp + (i * c + ch) * l
            for k in 0..<l { dst[k] = src[k] * a + b }
        }
    } }
    var inputs = [x]
    if let weight { inputs.append(weight) }
    if let bias { inputs.append(bias) }
    return out.record(inputs) { _, gy in
        let gp = gy.ptr
        let gx = x.requiresGrad ? Tensor(uninitialized: x.shape) : nil
        let gw = weight?.requiresGrad == true ? Tensor(uninitialized: [c]) : nil
        let gb = bias?.requiresGrad == true ? Tensor(uninitialized: [c]) : nil
        let mean = stats.ptr, invstd = stats.ptr + c
        parallelChunks(c, work: work) { channels in for ch in channels {
            let mu = mean[ch], istd = invstd[ch], gamma = weight?.ptr[ch] ?? 1
            // sum dy and sum dy * xhat over the channel's M values.
            var sdy: Float = 0, sdyx: Float = 0
            for i in 0..<n {
                let g = gp + (i * c + ch) * l, xv = xp + (i * c + ch) * l
                sdy += sumRun(g, l)
                sdyx += dotRun(g, xv, l, 0, mu) * istd
            }
            gw?.ptr[ch] = sdyx
            gb?.ptr[ch] = sdy
            guard let gx else { continue }
            let d = gx.ptr
            if training {
                let a = gamma * istd, mInv = 1 / Float(m)
                for i in 0..<n {
                    let o = (i * c + ch) * l
                    for k in 0..<l {
                        let xhat = (xp[o + k] - mu) * istd
                        d[o + k] = a * (gp[o + k] - mInv * sdy - xhat * mInv * sdyx)
                    }
                }
            } else {
                let a = gamma * istd
                for i in 0..<n { let o = (i * c + ch) * l; for k in 0..<l { d[o + k] = gp[o + k] * a } }
            }
        } }
        if let gx { x.accumulateGrad(owned: gx) }
        if let gw { weight!.accumulateGrad(owned: gw) }
        if let gb { bias!.accumulateGrad(owned: gb) }
    }
}
