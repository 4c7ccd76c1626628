/// NumPy broadcasting: shapes are right-aligned, and a dimension of 1 (or a
/// missing one) is repeated to match the other operand.

/// The broadcast result shape of `a` and `b`, nil when they are incompatible.
public func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let r = max(a.count, b.count)
    var out = [Int](repeating: 1, count: r)
    for i in 0..<r {
        let da = i < r - a.count ? 1 : a[i - (r - a.count)]
        let db = i < r - b.count ? 1 : b[i - (r - b.count)]
        if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
    }
    return out
}

/// Iteration plan over an output shape with two operands whose strides are 0
/// along broadcast dimensions. Adjacent dimensions that are contiguous for all
/// three are merged, so the common NN cases (bias over N, over N,H,W; scalar)
/// become one or two nested loops with a long inner run.
struct BroadcastPlan {
    var dims: [Int] = []       // merged output dimensions
    var sa: [Int] = []         // strides of operand a per merged dim
    var sb: [Int] = []         // strides of operand b per merged dim

    init(out: [Int], a: [Int], b: [Int]) {
        let r = out.count
        func strides(_ s: [Int]) -> [Int] {
            let padded = [Int](repeating: 1, count: r - s.count) + s
            var st = contiguousStrides(padded)
            for i in 0..<r where padded[i] == 1 && out[i] != 1 { st[i] = 0 }
            return st
        }
        let fa = strides(a), fb = strides(b)
        for i in 0..<r where out[i] != 1 {
            if let last = dims.last,
               sa.last! == fa[i] * out[i], sb.last! == fb[i] * out[i] {
                dims[dims.count - 1] = last * out[i]
                sa[sa.count - 1] = fa[i]; sb[sb.count - 1] = fb[i]
            } else {
                dims.append(out[i]); sa.append(fa[i]); sb.append(fb[i])
            }
        }
        if dims.isEmpty { dims = [1]; sa = [0]; sb = [0] }
    }

    /// Calls `run(outOffset, aOffset, bOffset, n, aStride, bStride)` once per
    /// inner run of `n` elements (output contiguous within a run).
    @inline(__always)
    func forEachRun(_ run: (Int, Int, Int, Int, Int, Int) -> Void) {
        let r = dims.count
        let n = dims[r - 1], ia = sa[r - 1], ib = sb[r - 1]
        if r == 1 { run(0, 0, 0, n, ia, ib); return }
        var idx = [Int](repeating: 0, count: r - 1)
        var offA = 0, offB = 0, offO = 0
        while true {
            run(offO, offA, offB, n, ia, ib)
            offO += n
            var d = r - 2
            while d >= 0 {
                idx[d] += 1; offA += sa[d]; offB += sb[d]
                if idx[d] < dims[d] { break }
                offA -= sa[d] * dims[d]; offB -= sb[d] * dims[d]
                idx[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }
}

extension Tensor {
    /// Repeats this tensor along broadcast dimensions to `target`.
    public func expand(to target: [Int]) -> Tensor {
        if shape == target { return self }
        precondition(broadcastShape(shape, target) == target, "expand: shape \(shape) does not broadcast to \(target)")
        let out = Tensor(uninitialized: target)
        let plan = BroadcastPlan(out: target, a: shape, b: shape)
        let s = ptr, d = out.ptr
        plan.forEachRun { o, a, _, n, ia, _ in
            if ia == 0 { let v = s[a]; for i in 0..<n { d[o + i] = v } }
            else { for i in 0..<n { d[o + i] = s[a + i * ia] } }
        }
        return out.record([self]) { _, g in self.accumulateGrad(g.sum(to: self.shape)) }
    }

    /// Sums a broadcast result back down to `target` (the gradient of expand).
    public func sum(to target: [Int]) -> Tensor {
        if shape == target { return self }
        let padded = [Int](repeating: 1, count: Swift.max(0, shape.count - target.count)) + target
        precondition(broadcastShape(padded, shape) == shape, "sum(to:): \(shape) cannot be reduced to \(target)")
        let out = Tensor(uninitialized: target)
        let d = out.ptr, s = ptr
        d.initialize(repeating: 0, count: out.count)
        let plan = BroadcastPlan(out: shape, a: target, b: target)
        plan.forEachRun { o, a, _, n, ia, _ in
            if ia == 0 { d[a] += sumRun(s + o, n) }
            else { for i in 0..<n { d[a + i * ia] += s[o + i] } }
        }
        return out.record([self]) { _, g in self.accumulateGrad(g.expand(to: self.shape)) }
    }
}

/// Sum of n contiguous floats with eight independent accumulators (lets the
/// loop vectorise, and pairs partial sums, which also reduces rounding error).
@inline(__always)
func sumRun(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
    var a0: Float = 0, a1: Float = 0, a2: Float = 0, a3: Float = 0
    var a4: Float = 0, a5: Float = 0, a6: Float = 0, a7: Float = 0
    var i = 0
    while i + 8 <= n {
        a0 += p[i]; a1 += p[i + 1]; a2 += p[i + 2]; a3 += p[i + 3]
        a4 += p[i + 4]; a5 += p[i + 5]; a6 += p[i + 6]; a7 += p[i + 7]
        i += 8
    }
    var tail: Float = 0
    while i < n { tail += p[i]; i += 1 }
    return ((a0 + a4) + (a1 + a5)) + ((a2 + a6) + (a3 + a7)) + tail
}

/// sum_i (a[i] - ca) (b[i] - cb) over n contiguous floats, eight accumulators.
@inline(__always)
func dotRun(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int, _ ca: Float, _ cb: Float) -> Float {
    var a0: Float = 0, a1: Float = 0, a2: Float = 0, a3: Float = 0
    var a4: Float = 0, a5: Float = 0, a6: Float = 0, a7: Float = 0
    var i = 0
    while i + 8 <= n {
        a0 += (a[i] - ca) * (b[i] - cb); a1 += (a[i + 1] - ca) * (b[i + 1] - cb)
        a2 += (a[i + 2] - ca) * (b[i + 2] - cb); a3 += (a[i + 3] - ca) * (b[i + 3] - cb)
        a4 += (a[i + 4] - ca) * (b[i + 4] - cb); a5 += (a[i + 5] - ca) * (b[i + 5] - cb)
        a6 += (a[i + 6] - ca) * (b[i + 6] - cb); a7 += (a[i + 7] - ca) * (b[i + 7] - cb)
        i += 8
    }
    var tail: Float = 0
    while i < n { tail += (a[i] - ca) * (b[i] - cb); i += 1 }
    return ((a0 + a4) + (a1 + a5)) + ((a2 + a6) + (a3 + a7)) + tail
}
