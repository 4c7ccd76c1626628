import Tensor

/// Adam over named parameters with its state in the open, so a training checkpoint can
/// save and restore it and a resumed run continues bit-identically: the GAN, VAE and
/// editor trainers use it. `Adam` (parameter groups, weight decay) serves the rest.
///
/// The update is `Adam`'s (torch.optim.Adam, amsgrad off, no weight decay), float for float:
///   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
///   p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
public final class ResumableAdam {
    public let parameters: [(name: String, tensor: Tensor)]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let eps: Float
    /// First and second moments, one array per parameter (same order as `parameters`).
    public private(set) var m: [[Float]]
    public private(set) var v: [[Float]]
    /// Updates done so far (the t of the bias corrections).
    public private(set) var step = 0

    public init(_ named: [(String, Tensor)], learningRate: Float, betas: (Float, Float), eps: Float = 1e-8) {
        parameters = named.map { (name: $0.0, tensor: $0.1) }
        self.learningRate = learningRate
        beta1 = betas.0
        beta2 = betas.1
        self.eps = eps
        m = named.map { [Float](repeating: 0, count: $0.1.count) }
        v = m
    }

    public func zeroGrad() { for p in parameters { p.tensor.zeroGrad() } }

    /// One update of every parameter that has a gradient. A parameter without one is left
    /// as it is, moments included, as torch.optim.Adam leaves it (a zero gradient would still
    /// move it by lr m/sqrt(v)); all parameters share one step counter, so the state is one number.
    public func update() {
        step += 1
        let b1 = beta1, b2 = beta2, eps = self.eps
        let (stepSize, correction2) = Adam.corrections(learningRate: learningRate, beta1: b1, beta2: b2, step: step)
        for (index, p) in parameters.enumerated() {
            guard let grad = p.tensor.grad else { continue }
            p.tensor.withUnsafeMutableBufferPointer { pb in
                m[index].withUnsafeMutableBufferPointer { mb in
                    v[index].withUnsafeMutableBufferPointer { vb in
                        grad.withUnsafeBufferPointer { gb in
                            guard let pp = pb.baseAddress, let mp = mb.baseAddress, let vp = vb.baseAddress else { return }
                            Adam.update(pp, gradient: gb.baseAddress, m: mp, v: vp, count: pb.count, stepSize: stepSize,
                                        correction2: correction2, beta1: b1, beta2: b2, eps: eps, weightDecay: 0)
                        }
                    }
                }
            }
        }
    }

    /// The state as named tensors: `<prefix>m.<param>`, `<prefix>v.<param>`, `<prefix>step` ([1]).
    public func storedState(prefix: String) -> [String: StoredTensor] {
        var out: [String: StoredTensor] = [:]
        for (index, p) in parameters.enumerated() {
            out["\(prefix)m.\(p.name)"] = StoredTensor(shape: p.tensor.shape, values: m[index])
            out["\(prefix)v.\(p.name)"] = StoredTensor(shape: p.tensor.shape, values: v[index])
        }
        out["\(prefix)step"] = StoredTensor(shape: [1], values: [Float(step)])
        return out
    }

    /// Restores what `storedState(prefix:)` wrote; `file` names the source in errors.
    /// Nothing changes when a tensor is missing or misshapen.
    public func restore(_ tensors: [String: StoredTensor], prefix: String, file: String) throws {
        var newM = m, newV = v
        for (index, p) in parameters.enumerated() {
            for (key, slot) in [("m", 0), ("v", 1)] {
                let name = "\(prefix)\(key).\(p.name)"
                guard let s = tensors[name] else { throw SafetensorsError.missingTensor(file: file, tensor: name) }
                guard s.values.count == p.tensor.count else {
                    throw SafetensorsError.shapeMismatch(file: file, tensor: name, expected: p.tensor.shape, found: s.shape)
                }
                if slot == 0 { newM[index] = s.values } else { newV[index] = s.values }
            }
        }
        guard let s = tensors["\(prefix)step"], let t = s.values.first else {
            throw SafetensorsError.missingTensor(file: file, tensor: "\(prefix)step")
        }
        // Int(t) traps on NaN, infinities and huge values.
        guard t >= 0, t <= 1e9, t == t.rounded() else {
            throw SafetensorsError.badValue(file: file, tensor: "\(prefix)step", value: "\(t)", expected: "a whole number of steps from 0 to 10^9")
        }
        m = newM
        v = newV
        step = Int(t)
    }
}
