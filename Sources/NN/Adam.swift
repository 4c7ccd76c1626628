import Tensor

/// Adam (Kingma & Ba 2015) exactly as torch.optim.Adam (amsgrad off), weight decay as L2:
///   g = grad + wd p;  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
///   p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
/// Parameters without a gradient are skipped (their step counter does not advance).
public final class Adam {
    /// Parameters sharing one learning rate and weight decay.
    public struct Group {
        public var parameters: [Tensor]
        public var learningRate: Float
        public var weightDecay: Float
        public init(_ parameters: [Tensor], learningRate: Float, weightDecay: Float = 0) {
            self.parameters = parameters
            self.learningRate = learningRate
            self.weightDecay = weightDecay
        }
    }

    public var groups: [Group]
    public let beta1: Float
    public let beta2: Float
    public let eps: Float
    private var state: [ObjectIdentifier: (m: [Float], v: [Float], step: Int)] = [:]

    public init(groups: [Group], betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8) {
        self.groups = groups
        beta1 = betas.0
        beta2 = betas.1
        self.eps = eps
    }

    public convenience init(_ parameters: [Tensor], learningRate: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
                            eps: Float = 1e-8, weightDecay: Float = 0) {
        self.init(groups: [Group(parameters, learningRate: learningRate, weightDecay: weightDecay)],
                  betas: betas, eps: eps)
    }

    /// One update of every parameter that has a gradient.
    public func step() {
        for group in groups {
            for p in group.parameters {
                guard let grad = p.grad else { continue }
                update(p, grad: grad, learningRate: group.learningRate, weightDecay: group.weightDecay)
            }
        }
    }

    /// Drops the gradients of every parameter.
    public func zeroGrad() {
        for group in groups { for p in group.parameters { p.zeroGrad() } }
    }

    private func update(_ p: Tensor, grad: Tensor, learningRate: Float, weightDecay: Float) {
        let key = ObjectIdentifier(p)
        var s = state[key] ?? ([Float](repeating: 0, count: p.count), [Float](repeating: 0, count: p.count), 0)
        state[key] = nil                                           // keep the arrays uniquely referenced
        s.step += 1
        let b1 = beta1, b2 = beta2, eps = self.eps
        let (stepSize, correction2) = Adam.corrections(learningRate: learningRate, beta1: b1, beta2: b2, step: s.step)
        p.withUnsafeMutableBufferPointer { pb in
            grad.withUnsafeBufferPointer { gb in
                s.m.withUnsafeMutableBufferPointer { mb in
                    s.v.withUnsafeMutableBufferPointer { vb in
                        guard let pp = pb.baseAddress, let gp = gb.baseAddress,
                              let mp = mb.baseAddress, let vp = vb.baseAddress else { return }
                        Adam.update(pp, gradient: gp, m: mp, v: vp, count: pb.count, stepSize: stepSize,
                                    correction2: correction2, beta1: b1, beta2: b2, eps: eps, weightDecay: weightDecay)
                    }
                }
            }
        }
        state[key] = s
    }
}

extension Adam {
    /// The bias corrections of update number t: stepSize = lr / (1 - b1^t) and
    /// correction2 = sqrt(1 - b2^t), the powers taken in Double.
    public static func corrections(learningRate: Float, beta1 b1: Float, beta2 b2: Float, step t: Int)
        -> (stepSize: Float, correction2: Float) {
        (learningRate / (1 - Float(Double(b1).power(t))), (1 - Float(Double(b2).power(t))).squareRoot())
    }

    /// The update of `count` values in place, in parallel chunks (`parallelChunks`):
    ///   g = grad + wd p;  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
    ///   p -= stepSize * m / (sqrt(v) / correction2 + eps),
    /// stepSize = lr / (1 - b1^t), correction2 = sqrt(1 - b2^t). A nil `gradient` is a
    /// zero gradient. Shared by `Adam` and optimizers that keep their moments in the open
    /// (Generators' ResumableAdam), so both compute the same floats.
    public static func update(_ p: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>?,
                              m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, count: Int,
                              stepSize: Float, correction2: Float, beta1 b1: Float, beta2 b2: Float,
                              eps: Float, weightDecay: Float) {
        parallelChunks(count, work: count) { r in
            // Eight values at a time, then the tail one by one: the same operations
            // in the same order, so both paths give the same floats.
            @inline(__always) func step8(_ i: Int, _ grad: SIMD8<Float>) {
                let g = grad + weightDecay * load8(p + i)
                let mi = b1 * load8(m + i) + (1 - b1) * g
                let vi = b2 * load8(v + i) + (1 - b2) * g * g
                store8(mi, m + i); store8(vi, v + i)
                store8(load8(p + i) - stepSize * mi / (vi.squareRoot() / correction2 + eps), p + i)
            }
            @inline(__always) func step(_ i: Int, _ grad: Float) {
                let g = grad + weightDecay * p[i]
                m[i] = b1 * m[i] + (1 - b1) * g
                v[i] = b2 * v[i] + (1 - b2) * g * g
                p[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2 + eps)
            }
            var i = r.lowerBound
            while i + 8 <= r.upperBound {
                step8(i, gradient.map { load8($0 + i) } ?? SIMD8())
                i += 8
            }
            while i < r.upperBound { step(i, gradient?[i] ?? 0); i += 1 }
        }
    }
}

extension Double {
    /// self^n for a non-negative integer n.
    func power(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= self }
        return result
    }
}
