/// Binary elementwise ops with broadcasting, and tensor-scalar ops.
/// Gradients of broadcast operands are summed back to their shapes.

enum BinaryKind { case add, sub, mul, div }

/// out = a (op) b over the broadcast shape; pointer loops per inner run.
func binaryForward(_ a: Tensor, _ b: Tensor, _ kind: BinaryKind, _ name: String) -> Tensor {
    guard let shape = broadcastShape(a.shape, b.shape) else {
        preconditionFailure("\(name): shapes \(a.shape) and \(b.shape) do not broadcast")
    }
    let out = Tensor(uninitialized: shape)
    let pa = a.ptr, pb = b.ptr, po = out.ptr
    if a.shape == b.shape {
        let n = out.count
        switch kind {
        case .add: for i in 0..<n { po[i] = pa[i] + pb[i] }
        case .sub: for i in 0..<n { po[i] = pa[i] - pb[i] }
        case .mul: for i in 0..<n { po[i] = pa[i] * pb[i] }
        case .div: for i in 0..<n { po[i] = pa[i] / pb[i] }
        }
        return out
    }
    BroadcastPlan(out: shape, a: a.shape, b: b.shape).forEachRun { o, ao, bo, n, ia, ib in
        let x = pa + ao, y = pb + bo, z = po + o
        switch (kind, ia, ib) {
        case (.add, 1, 1): for i in 0..<n { z[i] = x[i] + y[i] }
        case (.add, 1, 0): let v = y[0]; for i in 0..<n { z[i] = x[i] + v }
        case (.add, 0, 1): let v = x[0]; for i in 0..<n { z[i] = v + y[i] }
        case (.add, _, _): for i in 0..<n { z[i] = x[i * ia] + y[i * ib] }
        case (.sub, 1, 1): for i in 0..<n { z[i] = x[i] - y[i] }
        case (.sub, 1, 0): let v = y[0]; for i in 0..<n { z[i] = x[i] - v }
        case (.sub, 0, 1): let v = x[0]; for i in 0..<n { z[i] = v - y[i] }
        case (.sub, _, _): for i in 0..<n { z[i] = x[i * ia] - y[i * ib] }
        case (.mul, 1, 1): for i in 0..<n { z[i] = x[i] * y[i] }
        case (.mul, 1, 0): let v = y[0]; for i in 0..<n { z[i] = x[i] * v }
        case (.mul, 0, 1): let v = x[0]; for i in 0..<n { z[i] = v * y[i] }
        case (.mul, _, _): for i in 0..<n { z[i] = x[i * ia] * y[i * ib] }
        case (.div, 1, 1): for i in 0..<n { z[i] = x[i] / y[i] }
        case (.div, 1, 0): let v = y[0]; for i in 0..<n { z[i] = x[i] / v }   // e.g. W / sigma
        case (.div, 0, 1): let v = x[0]; for i in 0..<n { z[i] = v / y[i] }
        case (.div, _, _): for i in 0..<n { z[i] = x[i * ia] / y[i * ib] }
        }
    }
    return out
}

public func + (a: Tensor, b: Tensor) -> Tensor {
    binaryForward(a, b, .add, "add").record([a, b]) { _, g in
        if a.requiresGrad { a.accumulateGrad(g.sum(to: a.shape)) }
        if b.requiresGrad { b.accumulateGrad(g.sum(to: b.shape)) }
    }
}

public func - (a: Tensor, b: Tensor) -> Tensor {
    binaryForward(a, b, .sub, "sub").record([a, b]) { _, g in
        if a.requiresGrad { a.accumulateGrad(g.sum(to: a.shape)) }
        if b.requiresGrad { b.accumulateGrad((-g).sum(to: b.shape)) }
    }
}

public func * (a: Tensor, b: Tensor) -> Tensor {
    binaryForward(a, b, .mul, "mul").record([a, b]) { _, g in
        if a.requiresGrad { a.accumulateGrad((g * b).sum(to: a.shape)) }
        if b.requiresGrad { b.accumulateGrad((g * a).sum(to: b.shape)) }
    }
}

public func / (a: Tensor, b: Tensor) -> Tensor {
    binaryForward(a, b, .div, "div").record([a, b]) { out, g in
        let gOverB = g / b
        if a.requiresGrad { a.accumulateGrad(gOverB.sum(to: a.shape)) }
        // d(a/b)/db = -(a/b)/b
        if b.requiresGrad { b.accumulateGrad((-(gOverB * out)).sum(to: b.shape)) }
    }
}

extension Tensor {
    /// x * scale + shift, the primitive behind every tensor-scalar op.
    public func affine(scale: Float, shift: Float) -> Tensor {
        let out = Tensor(uninitialized: shape)
        let s = ptr, d = out.ptr
        for i in 0..<count { d[i] = s[i] * scale + shift }
        return out.record([self]) { _, g in
            self.accumulateGrad(scale == 1 ? g : g.affine(scale: scale, shift: 0))
        }
    }
}

public prefix func - (x: Tensor) -> Tensor { x.affine(scale: -1, shift: 0) }
public func + (a: Tensor, s: Float) -> Tensor { a.affine(scale: 1, shift: s) }
public func + (s: Float, a: Tensor) -> Tensor { a.affine(scale: 1, shift: s) }
public func - (a: Tensor, s: Float) -> Tensor { a.affine(scale: 1, shift: -s) }
public func - (s: Float, a: Tensor) -> Tensor { a.affine(scale: -1, shift: s) }
public func * (a: Tensor, s: Float) -> Tensor { a.affine(scale: s, shift: 0) }
public func * (s: Float, a: Tensor) -> Tensor { a.affine(scale: s, shift: 0) }
public func / (a: Tensor, s: Float) -> Tensor { a.affine(scale: 1 / s, shift: 0) }
public func / (s: Float, a: Tensor) -> Tensor { a.reciprocal() * s }

extension Tensor {
    public func neg() -> Tensor { -self }
    public func add(_ o: Tensor) -> Tensor { self + o }
    public func sub(_ o: Tensor) -> Tensor { self - o }
    public func mul(_ o: Tensor) -> Tensor { self * o }
    public func div(_ o: Tensor) -> Tensor { self / o }
}
