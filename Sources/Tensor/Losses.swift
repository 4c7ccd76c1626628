import Foundation

/// log-softmax, cross-entropy and regression losses (all reduced by the mean).

extension Tensor {
    /// log softmax over the last axis: x - max - log sum exp(x - max).
    /// Backward: dx = dy - softmax * sum(dy) per row.
    public func logSoftmax() -> Tensor {
        let k = shape[rank - 1], rows = count / Swift.max(k, 1)
        let out = Tensor(uninitialized: shape)
        let s = ptr, d = out.ptr
        for r in 0..<rows {
            let x = s + r * k, y = d + r * k
            var mx = -Float.infinity
            for j in 0..<k { mx = Swift.max(mx, x[j]) }
            var acc: Float = 0
            for j in 0..<k { acc += Foundation.exp(x[j] - mx) }
            let lse = mx + Foundation.log(acc)
            for j in 0..<k { y[j] = x[j] - lse }
        }
        return out.record([self]) { out, g in
            let gx = Tensor(uninitialized: self.shape)
            let gp = g.ptr, yp = out.ptr, xp = gx.ptr
            for r in 0..<rows {
                var sg: Float = 0
                for j in 0..<k { sg += gp[r * k + j] }
                for j in 0..<k { xp[r * k + j] = gp[r * k + j] - Foundation.exp(yp[r * k + j]) * sg }
            }
            self.accumulateGrad(gx)
        }
    }
}

/// Mean over rows of -log softmax(logits)[label]; logits [N,K], labels in 0..<K.
/// Backward: (softmax - onehot) / N.
public func crossEntropy(_ logits: Tensor, _ labels: [Int]) -> Tensor {
    precondition(logits.rank == 2 && logits.shape[0] == labels.count,
                 "crossEntropy: logits \(logits.shape) [N,K] need N = \(labels.count) labels")
    let n = logits.shape[0], k = logits.shape[1]
    precondition(labels.allSatisfy { $0 >= 0 && $0 < k }, "crossEntropy: a label is outside 0..<\(k)")
    let logp = Tensor.withoutGradients { logits.logSoftmax() }
    var total: Double = 0
    for (i, y) in labels.enumerated() { total -= Double(logp.ptr[i * k + y]) }
    let out = Tensor(scalar: Float(total / Double(Swift.max(n, 1))))
    return out.record([logits]) { _, g in
        let scale = g.ptr[0] / Float(n)
        let gx = Tensor(uninitialized: logits.shape)
        let d = gx.ptr, lp = logp.ptr
        for i in 0..<(n * k) { d[i] = Foundation.exp(lp[i]) * scale }
        for (i, y) in labels.enumerated() { d[i * k + y] -= scale }
        logits.accumulateGrad(gx)
    }
}

/// mean |a - b|
public func l1Loss(_ a: Tensor, _ b: Tensor) -> Tensor { (a - b).abs().mean() }

/// mean (a - b)^2
public func mseLoss(_ a: Tensor, _ b: Tensor) -> Tensor { (a - b).square().mean() }
