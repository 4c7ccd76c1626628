// Module Tensor: Float32 tensors with reverse-mode autodiff, BLAS-backed.
//
// API summary (names follow PyTorch):
//
//   Creation     Tensor(shape:)  (zeros), Tensor(data, shape:), Tensor(scalar:),
//                Tensor.zeros/ones/full(shape), Tensor.randn(shape, rng: &rng),
//                Tensor.rand(shape, low:, high:, rng: &rng), t.copy(), t.detach()
//   Data         t.shape, t.count, t.rank, t.item (one element), t.scalars ([Float]),
//                t.withUnsafeBufferPointer / withUnsafeMutableBufferPointer,
//                t.storage.base (raw pointer, valid while t is alive)
//   Autodiff     t.requiresGrad, t.grad, t.backward() (scalar), t.backward(seed),
//                t.zeroGrad(), t.retainGrad(), Tensor.withoutGradients { ... },
//                Tensor.isGradEnabled (per thread/task). Gradients accumulate
//                (+=) into .grad of every tensor with requiresGrad that the output depends on,
//                inputs (e.g. a latent z) as well as parameters. Graph nodes are
//                recorded only when grad mode is on and some input requires grad.
//                backward() frees the graph; intermediate grads are kept only
//                after retainGrad(). No higher-order gradients: backward runs
//                without recording (write gradients used in a forward pass,
//                e.g. grad f of the warped editor, in closed form with ops).
//   Elementwise  + - * / (tensor-tensor with broadcasting, tensor-scalar), neg,
//                affine(scale:shift:), exp, log, sqrt, square, pow(p), reciprocal,
//                abs, clamp(min:max:), expand(to:), sum(to:) (its reverse),
//                broadcastShape(a, b)
//   Activations  relu, leakyRelu(slope), elu(alpha), tanh, sigmoid, softplus
//   Reductions   sum(), mean(), sum(axes:keepDims:), mean(axes:keepDims:),
//                max(axis:keepDims:), norm(axes:keepDims:)
//   Linear alg.  matmul(a, b, transposeA:, transposeB:) (2-D or batched 3-D),
//                linear(x, weight [out,in], bias [out]?)
//   Images NCHW  conv2d(x, w [Cout,Cin,kh,kw], bias:, stride:, padding:),
//                convTranspose2d(x, w [Cin,Cout,kh,kw], bias:, stride:, padding:),
//                maxPool2d(x, kernel:, stride:), avgPool2d(x, kernel:, stride:),
//                globalAvgPool2d(x) -> [N,C]
//   Movement     reshape(_:), view(_:), flatten(from:), permute(_:),
//                transpose(a, b), concat([..], axis:), split(sizes:, axis:),
//                pad([(before, after)]), shrink([(start, end)]), narrow(axis, start:, length:),
//                indexSelect(rows:), unsqueeze(a), squeeze(a), stack([..], axis:)
//   Norm         batchNorm(x, runningMean:, runningVar:, weight:, bias:,
//                training:, momentum: 0.1, eps: 1e-5) for [N,C] and [N,C,H,W]
//   Losses       logSoftmax(x) (last axis), crossEntropy(logits [N,K], labels [Int]),
//                l1Loss(a, b), mseLoss(a, b)   (all means), softmax(), argmax()
//   In place     fill(v), assign(other) (not recorded; for optimizers and buffers)
//   RNG          RNG(seed:): uniform(), normal(), int(below:), permutation(n)
//   BLAS         BLAS.coreName, BLAS.originalCoreName, BLAS.setThreads(n),
//                BLAS.threads, BLAS.measureSGEMM(n:) (GFLOP/s)
//   Memory       BufferPool.shared (size-bucketed reuse of storage; freshAllocations,
//                idle, limitBytes, drain())
//   Reference    NaiveKernels.* : slow loop versions of matmul / conv kernels
//
// Shape errors are programming errors and stop with a precondition message
// naming the op and the shapes (as indexing an Array out of range does).

/// An n-dimensional array of Float32 in contiguous row-major storage.
/// Images are NCHW. Reference type: the autodiff graph links tensors.
///
/// Not thread-safe: share a tensor between threads only with external
/// synchronisation (`@unchecked Sendable` so values can be handed over).
public final class Tensor: @unchecked Sendable {
    public let shape: [Int]
    public let storage: Storage
    /// Whether gradients are accumulated into `grad` by `backward()`.
    public var requiresGrad: Bool
    /// Accumulated gradient, same shape as the tensor; nil until backward reaches it.
    public var grad: Tensor?

    // Graph: the tensors this one was computed from, and the closure that
    // turns this tensor's gradient into theirs (nil for leaves).
    var inputs: [Tensor] = []
    var backwardFn: ((_ out: Tensor, _ gradOut: Tensor) -> Void)?
    var keepsGrad = false
    var graphFreed = false      // set on recorded tensors once backward() has released their graph

    /// Uninitialised storage from the pool; every op writes all of it.
    init(uninitialized shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
        self.shape = shape
        storage = Storage(count: shape.reduce(1, *))
        requiresGrad = false
    }

    init(shape: [Int], storage: Storage) {
        self.shape = shape
        self.storage = storage
        requiresGrad = false
    }

    /// Zeros of the given shape.
    public convenience init(shape: [Int], requiresGrad: Bool = false) {
        self.init(uninitialized: shape)
        ptr.initialize(repeating: 0, count: count)
        self.requiresGrad = requiresGrad
    }

    /// A tensor holding `data` (row-major) with the given shape.
    public convenience init(_ data: [Float], shape: [Int], requiresGrad: Bool = false) {
        self.init(uninitialized: shape)
        precondition(data.count == count, "Tensor: \(data.count) values do not fill shape \(shape)")
        data.withUnsafeBufferPointer { ptr.update(from: $0.baseAddress!, count: count) }
        self.requiresGrad = requiresGrad
    }

    /// A rank-0 tensor.
    public convenience init(scalar: Float, requiresGrad: Bool = false) {
        self.init([scalar], shape: [], requiresGrad: requiresGrad)
    }

    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, requiresGrad: requiresGrad)
    }

    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(uninitialized: shape)
        t.ptr.initialize(repeating: value, count: t.count)
        t.requiresGrad = requiresGrad
        return t
    }

    /// Number of elements.
    public var count: Int { storage.count }
    public var rank: Int { shape.count }
    @inline(__always) var ptr: UnsafeMutablePointer<Float> { storage.base }

    /// The single value of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "Tensor.item: tensor of shape \(shape) has \(count) elements, expected 1")
        return ptr[0]
    }

    /// A copy of the values, row-major.
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: ptr, count: count)) }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(UnsafeBufferPointer(start: ptr, count: count)) }
    }

    /// Direct write access (e.g. optimizer updates); not recorded in the graph.
    public func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(UnsafeMutableBufferPointer(start: ptr, count: count)) }
    }

    /// A new tensor with a copy of the values, not connected to the graph.
    public func copy() -> Tensor {
        let t = Tensor(uninitialized: shape)
        t.ptr.update(from: ptr, count: count)
        return t
    }

    /// Same storage, cut from the graph (no gradient flows back through it).
    public func detach() -> Tensor { Tensor(shape: shape, storage: storage) }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", ..." : "")])"
    }
}

/// Row-major strides of a shape.
@inline(__always)
func contiguousStrides(_ shape: [Int]) -> [Int] {
    var s = [Int](repeating: 1, count: shape.count)
    var acc = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) { s[i] = acc; acc *= shape[i] }
    return s
}
