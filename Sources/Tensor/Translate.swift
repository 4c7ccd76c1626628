/// Whole-pixel translation of image batches (the `translation` of differentiable
/// augmentation): every image of [N, C, H, W] moves by its own offset (dy, dx),
///     out[n, c, y, x] = x[n, c, y - dy_n, x - dx_n],  0 where that falls outside the frame.
/// A translation with zero fill is a partial permutation of pixels, so its adjoint is the
/// opposite translation (again zero-filled): backward is `translated(by: -offsets)`.

/// Shifts `planes` contiguous H x W planes from `src` into `dst` (already zero) by (dy, dx).
func shiftPlanes(_ src: UnsafeMutablePointer<Float>, into dst: UnsafeMutablePointer<Float>,
                 planes: Int, height h: Int, width w: Int, dy: Int, dx: Int) {
    let rows = h - Swift.abs(dy), cols = w - Swift.abs(dx)
    guard rows > 0, cols > 0 else { return }
    let fromY = Swift.max(0, -dy), toY = Swift.max(0, dy)
    let fromX = Swift.max(0, -dx), toX = Swift.max(0, dx)
    for p in 0..<planes {
        let s = src + p * h * w + fromY * w + fromX, d = dst + p * h * w + toY * w + toX
        for r in 0..<rows { (d + r * w).update(from: s + r * w, count: cols) }
    }
}

extension Tensor {
    /// Image n moved down by `offsets[n].dy` rows and right by `offsets[n].dx` columns
    /// (negative: up, left), zero-filled. [N, C, H, W] -> [N, C, H, W].
    public func translated(by offsets: [(dy: Int, dx: Int)]) -> Tensor {
        precondition(rank == 4 && offsets.count == shape[0],
                     "translated: \(offsets.count) offsets for a batch of shape \(shape) (expected [N, C, H, W] with N offsets)")
        let c = shape[1], h = shape[2], w = shape[3]
        let out = Tensor.zeros(shape)
        for (n, o) in offsets.enumerated() {
            shiftPlanes(ptr + n * c * h * w, into: out.ptr + n * c * h * w, planes: c, height: h, width: w, dy: o.dy, dx: o.dx)
        }
        return out.record([self]) { _, g in
            self.accumulateGrad(g.translated(by: offsets.map { (dy: -$0.dy, dx: -$0.dx) }))
        }
    }
}
