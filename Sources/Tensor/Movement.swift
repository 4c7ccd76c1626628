/// Movement ops: reshape, permute, concat/split, pad/shrink, row selection.
/// Each is the other's reverse where one exists (pad <-> shrink, concat <-> split).

/// Copies the box `extent` starting at `srcStart` in a contiguous array of
/// shape `srcShape` to `dstStart` in one of shape `dstShape` (same rank).
func copyRegion(_ src: UnsafeMutablePointer<Float>, _ srcShape: [Int], _ srcStart: [Int],
                _ dst: UnsafeMutablePointer<Float>, _ dstShape: [Int], _ dstStart: [Int], _ extent: [Int]) {
    let r = extent.count
    if extent.contains(0) { return }
    if r == 0 { dst[0] = src[0]; return }
    let ss = contiguousStrides(srcShape), ds = contiguousStrides(dstShape)
    var so = 0, dof = 0
    for i in 0..<r { so += srcStart[i] * ss[i]; dof += dstStart[i] * ds[i] }
    let run = extent[r - 1]
    var idx = [Int](repeating: 0, count: r)
    while true {
        (dst + dof).update(from: src + so, count: run)
        var d = r - 2
        while d >= 0 {
            idx[d] += 1; so += ss[d]; dof += ds[d]
            if idx[d] < extent[d] { break }
            so -= ss[d] * extent[d]; dof -= ds[d] * extent[d]; idx[d] = 0
            d -= 1
        }
        if d < 0 { return }
    }
}

extension Tensor {
    /// Same storage, new shape (one dimension may be -1 and is inferred).
    public func reshape(_ newShape: [Int]) -> Tensor {
        var s = newShape
        if let i = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != i }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "reshape: cannot infer -1 in \(newShape) for shape \(shape)")
            s[i] = count / known
        }
        precondition(s.reduce(1, *) == count, "reshape: shape \(shape) (\(count) elements) cannot become \(newShape)")
        if s == shape { return self }
        let out = Tensor(shape: s, storage: storage)
        return out.record([self]) { _, g in self.accumulateGrad(g.reshape(self.shape)) }
    }

    public func view(_ newShape: [Int]) -> Tensor { reshape(newShape) }

    /// Inserts a dimension of size 1 at `axis` (0...rank).
    public func unsqueeze(_ axis: Int) -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        precondition(a >= 0 && a <= rank, "unsqueeze: axis \(axis) out of range for shape \(shape)")
        var s = shape; s.insert(1, at: a)
        return reshape(s)
    }

    /// Removes a dimension of size 1 at `axis`.
    public func squeeze(_ axis: Int) -> Tensor {
        let a = normalizedAxis(axis, "squeeze")
        precondition(shape[a] == 1, "squeeze: axis \(axis) of shape \(shape) is not 1")
        var s = shape; s.remove(at: a)
        return reshape(s)
    }

    /// Merges dimensions from `axis` on: [N,C,H,W].flatten(from: 1) is [N, C*H*W].
    public func flatten(from axis: Int = 1) -> Tensor {
        reshape(Array(shape[..<axis]) + [shape[axis...].reduce(1, *)])
    }

    /// Reorders dimensions: out.shape[k] = shape[order[k]] (copies).
    public func permute(_ order: [Int]) -> Tensor {
        precondition(order.count == rank && Set(order) == Set(0..<rank), "permute: \(order) is not a permutation of the axes of \(shape)")
        if order == Array(0..<rank) { return self }
        let outShape = order.map { shape[$0] }
        let out = Tensor(uninitialized: outShape)
        let inStrides = contiguousStrides(shape)
        let st = order.map { inStrides[$0] }
        let r = rank, s = ptr, d = out.ptr
        let run = outShape[r - 1], inner = st[r - 1]
        var idx = [Int](repeating: 0, count: r)
        var so = 0, o = 0
        if out.count > 0 {
            outer: while true {
                if inner == 1 { (d + o).update(from: s + so, count: run) }
                else { for i in 0..<run { d[o + i] = s[so + i * inner] } }
                o += run
                var k = r - 2
                while k >= 0 {
                    idx[k] += 1; so += st[k]
                    if idx[k] < outShape[k] { break }
                    so -= st[k] * outShape[k]; idx[k] = 0
                    k -= 1
                }
                if k < 0 { break outer }
            }
        }
        var inverse = [Int](repeating: 0, count: r)
        for (k, a) in order.enumerated() { inverse[a] = k }
        return out.record([self]) { _, g in self.accumulateGrad(g.permute(inverse)) }
    }

    /// Swaps two axes.
    public func transpose(_ a: Int = 0, _ b: Int = 1) -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(normalizedAxis(a, "transpose"), normalizedAxis(b, "transpose"))
        return permute(order)
    }

    /// Zero padding: `widths[i] = (before, after)` for every axis.
    public func pad(_ widths: [(Int, Int)], value: Float = 0) -> Tensor {
        precondition(widths.count == rank, "pad: \(widths.count) widths for rank-\(rank) shape \(shape)")
        let outShape = zip(shape, widths).map { $0 + $1.0 + $1.1 }
        let out = Tensor.full(outShape, value)
        copyRegion(ptr, shape, [Int](repeating: 0, count: rank), out.ptr, outShape, widths.map(\.0), shape)
        return out.record([self]) { _, g in
            self.accumulateGrad(g.shrink(zip(widths, self.shape).map { ($0.0, $0.0 + $1) }))
        }
    }

    /// The box start..<end along every axis (the reverse of pad).
    public func shrink(_ ranges: [(Int, Int)]) -> Tensor {
        precondition(ranges.count == rank && zip(ranges, shape).allSatisfy { $0.0 >= 0 && $0.0 <= $0.1 && $0.1 <= $1 },
                     "shrink: ranges \(ranges) do not fit shape \(shape)")
        let outShape = ranges.map { $0.1 - $0.0 }
        let out = Tensor(uninitialized: outShape)
        copyRegion(ptr, shape, ranges.map(\.0), out.ptr, outShape, [Int](repeating: 0, count: rank), outShape)
        return out.record([self]) { _, g in
            self.accumulateGrad(g.pad(zip(ranges, self.shape).map { ($0.0, $1 - $0.1) }))
        }
    }

    /// `length` entries of `axis` from `start` (PyTorch's narrow; a one-axis shrink).
    public func narrow(_ axis: Int, start: Int, length: Int) -> Tensor {
        let a = normalizedAxis(axis, "narrow")
        var ranges = shape.map { (0, $0) }
        ranges[a] = (start, start + length)
        return shrink(ranges)
    }

    /// Rows `rows` of axis 0 (repeats allowed); gradient is scatter-added back.
    public func indexSelect(rows: [Int]) -> Tensor {
        let rowSize = count / Swift.max(shape[0], 1)
        precondition(rows.allSatisfy { $0 >= 0 && $0 < shape[0] }, "indexSelect: a row index is outside 0..<\(shape[0])")
        var outShape = shape; outShape[0] = rows.count
        let out = Tensor(uninitialized: outShape)
        let s = ptr, d = out.ptr
        for (i, r) in rows.enumerated() { (d + i * rowSize).update(from: s + r * rowSize, count: rowSize) }
        return out.record([self]) { _, g in
            let gx = Tensor.zeros(self.shape)
            let gp = g.ptr, xp = gx.ptr
            for (i, r) in rows.enumerated() { addInPlace(gp + i * rowSize, into: xp + r * rowSize, rowSize) }
            self.accumulateGrad(gx)
        }
    }

    /// Splits along `axis` into pieces of the given sizes (the reverse of concat).
    public func split(sizes: [Int], axis: Int) -> [Tensor] {
        let a = normalizedAxis(axis, "split")
        precondition(sizes.reduce(0, +) == shape[a], "split: sizes \(sizes) do not add up to \(shape[a]) (axis \(axis) of \(shape))")
        var start = 0
        return sizes.map { n in
            var ranges = shape.map { (0, $0) }
            ranges[a] = (start, start + n)
            start += n
            return shrink(ranges)
        }
    }
}

/// Joins tensors along `axis`; all other dimensions must agree.
/// (Images along channels: concat([x, x2], axis: 1).)
public func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
    precondition(!tensors.isEmpty, "concat: no tensors")
    let first = tensors[0]
    let a = first.normalizedAxis(axis, "concat")
    for t in tensors {
        precondition(t.rank == first.rank && t.shape.enumerated().allSatisfy { $0.offset == a || $0.element == first.shape[$0.offset] },
                     "concat: shape \(t.shape) does not match \(first.shape) outside axis \(axis)")
    }
    var outShape = first.shape
    outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
    let out = Tensor(uninitialized: outShape)
    let outer = first.shape[..<a].reduce(1, *)
    let blocks = tensors.map { $0.shape[a...].reduce(1, *) }
    let total = blocks.reduce(0, +)
    var offset = 0
    for (t, b) in zip(tensors, blocks) {
        let s = t.ptr, d = out.ptr + offset
        for o in 0..<outer { (d + o * total).update(from: s + o * b, count: b) }
        offset += b
    }
    return out.record(tensors) { _, g in
        var offset = 0
        for (t, b) in zip(tensors, blocks) {
            if t.requiresGrad {
                let gt = Tensor(uninitialized: t.shape)
                let s = g.ptr + offset, d = gt.ptr
                for o in 0..<outer { (d + o * b).update(from: s + o * total, count: b) }
                t.accumulateGrad(gt)
            }
            offset += b
        }
    }
}

/// Joins equally shaped tensors along a new axis: stack([a, b], axis: 0) is [2, ...].
public func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
    precondition(!tensors.isEmpty, "stack: no tensors")
    return concat(tensors.map { $0.unsqueeze(axis) }, axis: axis)
}
