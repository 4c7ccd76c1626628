/// Small helpers around the ops: softmax, argmax, in-place updates.
extension Tensor {
    /// softmax over the last axis (exp of logSoftmax, so it is differentiable).
    public func softmax() -> Tensor { logSoftmax().exp() }

    /// Index of the maximum along the last axis for every row (not differentiable).
    public func argmax() -> [Int] {
        let k = shape.last ?? 1, rows = count / Swift.max(k, 1)
        let p = ptr
        return (0..<rows).map { r in
            var best = 0
            for j in 1..<Swift.max(k, 1) where p[r * k + j] > p[r * k + best] { best = j }
            return best
        }
    }

    /// Sets every element to `value` in place (not recorded).
    public func fill(_ value: Float) {
        ptr.update(repeating: value, count: count)
    }

    /// Copies `other`'s values into this tensor in place (same count; not recorded).
    public func assign(_ other: Tensor) {
        precondition(other.count == count, "assign: \(other.shape) into \(shape)")
        ptr.update(from: other.ptr, count: count)
    }

    /// Largest absolute difference to `other` (same shape), for checks.
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(other.shape == shape, "maxAbsDifference: \(other.shape) vs \(shape)")
        var m: Float = 0
        let a = ptr, b = other.ptr
        for i in 0..<count { m = Swift.max(m, Swift.abs(a[i] - b[i])) }
        return m
    }
}
