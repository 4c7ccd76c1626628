import Tensor

/// A network component with PyTorch-style named state.
///
/// Names follow PyTorch's state_dict: a module's own parameters and buffers by
/// their local names (`weight`, `running_mean`), children's prefixed by the
/// child's name and a dot (`main.0.weight`). Parameters are trainable tensors
/// (requiresGrad); buffers are state updated by the forward pass (batch-norm
/// running statistics, spectral-norm u and v) and are not trained.
public protocol Module: AnyObject {
    /// This module's own trainable tensors, by local name.
    var localParameters: [(String, Tensor)] { get }
    /// This module's own non-trainable state, by local name.
    var localBuffers: [(String, Tensor)] { get }
    /// Submodules, by name (Sequential uses "0", "1", ...).
    var children: [(String, any Module)] { get }
    /// Training mode (batch statistics, power iteration) versus evaluation mode.
    var isTraining: Bool { get set }
}

/// A module that maps one tensor to one tensor.
public protocol Layer: Module {
    func callAsFunction(_ x: Tensor) -> Tensor
}

extension Module {
    public var localParameters: [(String, Tensor)] { [] }
    public var localBuffers: [(String, Tensor)] { [] }
    public var children: [(String, any Module)] { [] }

    /// Every parameter of this module and its descendants, with full dotted names, in definition order.
    public func namedParameters() -> [(String, Tensor)] {
        localParameters + children.flatMap { name, child in
            child.namedParameters().map { ("\(name).\($0.0)", $0.1) }
        }
    }

    /// Every buffer of this module and its descendants, with full dotted names.
    public func namedBuffers() -> [(String, Tensor)] {
        localBuffers + children.flatMap { name, child in
            child.namedBuffers().map { ("\(name).\($0.0)", $0.1) }
        }
    }

    /// The trainable tensors, for an optimizer.
    public func parameters() -> [Tensor] { namedParameters().map(\.1) }

    /// Sets training or evaluation mode on this module and every descendant.
    public func train(_ on: Bool = true) {
        isTraining = on
        for (_, child) in children { child.train(on) }
    }

    /// Evaluation mode: running statistics in batch norm, no power iteration in spectral norm.
    public func eval() { train(false) }

    /// Drops every accumulated parameter gradient.
    public func zeroGrad() {
        for (_, p) in namedParameters() { p.zeroGrad() }
    }

    /// Parameters and buffers by full name, sharing storage with the module (not copies).
    public func stateDict() -> [String: Tensor] {
        var d: [String: Tensor] = [:]
        for (name, t) in namedParameters() + namedBuffers() { d[name] = t }
        return d
    }

    /// Runs `body` with this module's parameters frozen (no gradients recorded for them),
    /// then restores each one's previous setting, also when `body` throws. Gradients still
    /// flow through the module to its inputs: the generator step of a GAN takes the
    /// discriminator's input gradients without computing its weight gradients.
    public func withFrozenParameters<R>(_ body: () throws -> R) rethrows -> R {
        let parameters = self.parameters()
        let saved = parameters.map(\.requiresGrad)
        for p in parameters { p.requiresGrad = false }
        defer { for (p, flag) in zip(parameters, saved) { p.requiresGrad = flag } }
        return try body()
    }

    /// Number of trainable scalars.
    public var parameterCount: Int { namedParameters().reduce(0) { $0 + $1.1.count } }
}

/// PyTorch's default initialisation for Linear and convolutions:
/// kaiming_uniform(a = sqrt 5) on the weight, i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
/// and the same bound for the bias.
func uniformInit(_ shape: [Int], fanIn: Int, rng: inout RNG) -> Tensor {
    let bound = 1 / Float(fanIn).squareRoot()
    return Tensor.rand(shape, low: -bound, high: bound, rng: &rng, requiresGrad: true)
}
