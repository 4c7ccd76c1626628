/// Sums, means and maxima, over everything or over given axes.
extension Tensor {
    func normalizedAxis(_ a: Int, _ op: String) -> Int {
        let ax = a < 0 ? a + rank : a
        precondition(ax >= 0 && ax < rank, "\(op): axis \(a) out of range for shape \(shape)")
        return ax
    }

    /// Sum of all elements, rank-0 result (accumulated in Double).
    public func sum() -> Tensor {
        // Blocks of 4096 summed in Float, blocks accumulated in Double.
        let p = ptr
        var acc: Double = 0, i = 0
        while i < count { let n = Swift.min(4096, count - i); acc += Double(sumRun(p + i, n)); i += n }
        let out = Tensor(scalar: Float(acc))
        return out.record([self]) { _, g in self.accumulateGrad(g.expand(to: self.shape)) }
    }

    /// Mean of all elements, rank-0 result.
    public func mean() -> Tensor { sum() * (1 / Float(Swift.max(count, 1))) }

    /// Sum over `axes` (negative axes count from the end).
    public func sum(axes: [Int], keepDims: Bool = false) -> Tensor {
        let ax = Set(axes.map { normalizedAxis($0, "sum") })
        let kept = shape.enumerated().map { ax.contains($0.offset) ? 1 : $0.element }
        let s = sum(to: kept)
        return keepDims ? s : s.reshape(shape.enumerated().filter { !ax.contains($0.offset) }.map(\.element))
    }

    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    /// Mean over `axes`.
    public func mean(axes: [Int], keepDims: Bool = false) -> Tensor {
        let n = Set(axes.map { normalizedAxis($0, "mean") }).reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepDims: keepDims) * (1 / Float(Swift.max(n, 1)))
    }

    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    /// Maximum along `axis`; the gradient goes to the (first) maximal element.
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        let a = normalizedAxis(axis, "max")
        let outer = shape[..<a].reduce(1, *), len = shape[a], inner = shape[(a + 1)...].reduce(1, *)
        precondition(len > 0, "max: empty axis \(axis) in shape \(shape)")
        var kept = shape; kept[a] = 1
        let out = Tensor(uninitialized: keepDims ? kept : shape.enumerated().filter { $0.offset != a }.map(\.element))
        var argmax = [Int32](repeating: 0, count: outer * inner)
        let s = ptr, d = out.ptr
        argmax.withUnsafeMutableBufferPointer { am in
            let m = am.baseAddress!
            for o in 0..<outer {
                for i in 0..<inner { d[o * inner + i] = s[o * len * inner + i]; m[o * inner + i] = 0 }
                for l in 1..<Swift.max(len, 1) {
                    let row = s + (o * len + l) * inner
                    for i in 0..<inner where row[i] > d[o * inner + i] {
                        d[o * inner + i] = row[i]; m[o * inner + i] = Int32(l)
                    }
                }
            }
        }
        return out.record([self]) { _, g in
            let gx = Tensor.zeros(self.shape)
            let gp = g.ptr, xp = gx.ptr
            for o in 0..<outer {
                for i in 0..<inner {
                    xp[(o * len + Int(argmax[o * inner + i])) * inner + i] += gp[o * inner + i]
                }
            }
            self.accumulateGrad(gx)
        }
    }

    /// Euclidean norm over `axes`: sqrt(sum x^2). (Its gradient is undefined at 0.)
    public func norm(axes: [Int], keepDims: Bool = false) -> Tensor {
        square().sum(axes: axes, keepDims: keepDims).sqrt()
    }
}
