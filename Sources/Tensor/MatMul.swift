/// Matrix products through cblas_sgemm.
///
/// matmul: C[M,N] = op(A) op(B), op(A) is [M,K] (A itself is [K,M] when
/// transposeA), op(B) is [K,N]. Rank-3 operands [B,*,*] are multiplied batch
/// by batch. Backward (for C = A B): dA = dC B^T, dB = A^T dC, and the
/// transposed variants follow by transposing both sides.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    precondition(a.rank == b.rank && (a.rank == 2 || a.rank == 3), "matmul: operands must both be 2-D or 3-D, got \(a.shape) and \(b.shape)")
    let batched = a.rank == 3
    let batch = batched ? a.shape[0] : 1
    precondition(!batched || b.shape[0] == batch, "matmul: batch sizes differ in \(a.shape) and \(b.shape)")
    let ar = a.shape[a.rank - 2], ac = a.shape[a.rank - 1]
    let br = b.shape[b.rank - 2], bc = b.shape[b.rank - 1]
    let (m, k) = transposeA ? (ac, ar) : (ar, ac)
    let (k2, n) = transposeB ? (bc, br) : (br, bc)
    precondition(k == k2, "matmul: inner dimensions differ: \(a.shape)\(transposeA ? "^T" : "") x \(b.shape)\(transposeB ? "^T" : "")")
    let out = Tensor(uninitialized: batched ? [batch, m, n] : [m, n])
    for i in 0..<batch {
        sgemm(transposeA, transposeB, m, n, k, 1, a.ptr + i * ar * ac, ac, b.ptr + i * br * bc, bc,
              0, out.ptr + i * m * n, n)
    }
    return out.record([a, b]) { _, g in
        if a.requiresGrad {
            a.accumulateGrad(transposeA ? matmul(b, g, transposeA: transposeB, transposeB: true)
                                        : matmul(g, b, transposeA: false, transposeB: !transposeB))
        }
        if b.requiresGrad {
            b.accumulateGrad(transposeB ? matmul(g, a, transposeA: true, transposeB: transposeA)
                                        : matmul(a, g, transposeA: !transposeA, transposeB: false))
        }
    }
}

/// y = x W^T + b with PyTorch's layout: x [N, in] (or [..., in]), W [out, in], b [out].
/// Backward: dx = dy W, dW = dy^T x, db = sum over rows of dy.
public func linear(_ x: Tensor, _ weight: Tensor, _ bias: Tensor? = nil) -> Tensor {
    precondition(weight.rank == 2 && x.rank >= 1 && x.shape[x.rank - 1] == weight.shape[1],
                 "linear: input \(x.shape) does not match weight \(weight.shape) ([out, in])")
    let outF = weight.shape[0], inF = weight.shape[1]
    precondition(bias == nil || bias!.shape == [outF], "linear: bias shape \(bias!.shape) should be [\(outF)]")
    let rows = x.count / Swift.max(inF, 1)
    let out = Tensor(uninitialized: Array(x.shape.dropLast()) + [outF])
    let o = out.ptr
    if let bias {
        for r in 0..<rows { (o + r * outF).update(from: bias.ptr, count: outF) }
    }
    sgemm(false, true, rows, outF, inF, 1, x.ptr, inF, weight.ptr, inF, bias == nil ? 0 : 1, o, outF)
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    return out.record(inputs) { _, g in
        if x.requiresGrad {
            let gx = Tensor(uninitialized: x.shape)
            sgemm(false, false, rows, inF, outF, 1, g.ptr, outF, weight.ptr, inF, 0, gx.ptr, inF)
            x.accumulateGrad(owned: gx)
        }
        if weight.requiresGrad {
            weight.accumulateGrad { gw, beta in
                sgemm(true, false, outF, inF, rows, 1, g.ptr, outF, x.ptr, inF, beta, gw, inF)
            }
        }
        if let bias, bias.requiresGrad {
            let gb = Tensor.zeros([outF])
            let d = gb.ptr, s = g.ptr
            for r in 0..<rows { let row = s + r * outF; for j in 0..<outF { d[j] += row[j] } }
            bias.accumulateGrad(owned: gb)
        }
    }
}

extension Tensor {
    /// self x other (2-D or batched 3-D).
    public func matmul(_ other: Tensor) -> Tensor { Tensor_matmul(self, other) }
}

@inline(__always) private func Tensor_matmul(_ a: Tensor, _ b: Tensor) -> Tensor { matmul(a, b) }
