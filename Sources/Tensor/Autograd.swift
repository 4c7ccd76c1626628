/// Reverse-mode autodiff (micrograd style): each op records its inputs and a
/// closure mapping the output gradient to input gradients, which are
/// accumulated with `+=`. `backward()` walks the graph in reverse topological
/// order.

/// Grad mode is a task-local value: it applies to the thread or task that
/// entered `withoutGradients` and nests; other threads are unaffected.
private enum GradMode {
    @TaskLocal static var disabled = false
}

extension Tensor {
    /// False inside `withoutGradients`: ops then record no graph at all.
    public static var isGradEnabled: Bool { !GradMode.disabled }

    /// Runs `body` without recording a graph (inference, editing without
    /// gradients, optimizer updates). Nests.
    public static func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
        try GradMode.$disabled.withValue(true) { try body() }
    }

    /// True when this tensor was produced by a recorded op.
    public var isLeaf: Bool { backwardFn == nil }

    /// Keep `grad` on this intermediate tensor after backward (leaves always keep it).
    public func retainGrad() { keepsGrad = true }

    /// Forget the accumulated gradient.
    public func zeroGrad() { grad = nil }

    /// Records `out` as computed from `inputs` when any of them requires grad.
    @inline(__always)
    func record(_ inputs: [Tensor], _ backward: @escaping (_ out: Tensor, _ gradOut: Tensor) -> Void) -> Tensor {
        if !GradMode.disabled && inputs.contains(where: { $0.requiresGrad }) {
            requiresGrad = true
            self.inputs = inputs
            backwardFn = backward
        }
        return self
    }

    /// grad += g. Leaves own their gradient buffer (copied on first use, then
    /// updated in place); intermediates may alias `g` since only backward reads them.
    func accumulateGrad(_ g: Tensor) { accumulateGrad(g, owned: false) }

    /// grad += g where `g` is a fresh buffer nothing else references (a kernel's
    /// output inside a backward closure): a leaf's first gradient then takes the
    /// buffer itself instead of a copy, one memcpy of every weight per step saved.
    func accumulateGrad(owned g: Tensor) { accumulateGrad(g, owned: true) }

    /// grad += what `kernel` computes, without a temporary when possible: a leaf that
    /// already holds its gradient lets the kernel add into it (`kernel(grad, 1)`, i.e.
    /// sgemm's C = A B + beta C with beta 1: no zeroing, no separate add pass); otherwise
    /// the kernel fills a fresh buffer (`kernel(buffer, 0)`) that becomes the gradient.
    func accumulateGrad(computing kernel: (_ out: UnsafeMutablePointer<Float>, _ beta: Float) -> Void) {
        guard requiresGrad else { return }
        if isLeaf, let old = grad {
            kernel(old.ptr, 1)
        } else {
            let g = Tensor(uninitialized: shape)
            kernel(g.ptr, 0)
            accumulateGrad(owned: g)
        }
    }

    private func accumulateGrad(_ g: Tensor, owned: Bool) {
        precondition(g.shape == shape, "accumulateGrad: gradient shape \(g.shape) differs from tensor shape \(shape)")
        guard requiresGrad else { return }
        if let old = grad {
            if isLeaf {
                addInPlace(g.ptr, into: old.ptr, count)
            } else {
                grad = old + g
            }
        } else {
            grad = isLeaf && !owned ? g.copy() : g
        }
    }

    /// Backpropagates from this one-element tensor (seed 1).
    public func backward(retainGraph: Bool = false) {
        precondition(count == 1, "backward(): output of shape \(shape) is not a scalar; pass a seed gradient")
        backward(Tensor.ones(shape), retainGraph: retainGraph)
    }

    /// Backpropagates `seed` (d loss / d self, same shape as self) through the
    /// graph. The graph is freed afterwards unless `retainGraph`; as in
    /// PyTorch, backpropagating through a freed part again stops with a message.
    public func backward(_ seed: Tensor, retainGraph: Bool = false) {
        precondition(seed.shape == shape, "backward: seed shape \(seed.shape) differs from output shape \(shape)")
        precondition(!graphFreed, "backward: this tensor's graph was freed by an earlier backward(); pass retainGraph: true to that call, or recompute")
        // As in PyTorch: an output built without gradients (withoutGradients, or from frozen
        // leaves only) has no graph, and silently doing nothing would let an optimizer step
        // on stale gradients.
        precondition(requiresGrad, "backward: the output does not require gradients; it was computed without gradients or from frozen tensors only")
        let order = topologicalOrder()
        Tensor.withoutGradients {
            accumulateGrad(seed)
            for node in order.reversed() {
                guard let fn = node.backwardFn else { continue }
                if let g = node.grad { fn(node, g) }
                if !node.keepsGrad { node.grad = nil }
                if !retainGraph { node.backwardFn = nil; node.inputs = []; node.graphFreed = true }
            }
        }
    }

    /// Post-order DFS without recursion (deep graphs must not overflow the stack).
    private func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while let (node, i) = stack.popLast() {
            if i < node.inputs.count {
                stack.append((node, i + 1))
                let child = node.inputs[i]
                precondition(!child.graphFreed,
                             "backward: the graph through a tensor of shape \(child.shape) was freed by an earlier backward(); pass retainGraph: true to that call, or recompute")
                if child.requiresGrad && visited.insert(ObjectIdentifier(child)).inserted {
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }
}
