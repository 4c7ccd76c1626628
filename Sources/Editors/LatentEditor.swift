// Module Editors: latent editors (DESIGN.md section 3), the reconstructor and
// the unsupervised trainer of Voynov & Babenko shared by the trained editors.
//
// Shape letters: B batch, D latent size, K directions, N dipoles.

import Foundation
import NN
import Tensor

/// An editor of a generator's latent space: K directions, each a path
/// phi_k^t(z) through latent space parametrised by the amount t.
///
/// `edit` is the differentiable edit used in training (batched, one direction
/// and one amount per row). `traverse` is the editor's path for evaluation and
/// rendering; it equals `edit` except for editors whose path is an integrated
/// flow (the warped editor takes one Euler step in `edit` and integrates in
/// `traverse`). For every editor phi_k^{-t} undoes phi_k^t (exactly for the
/// linear and curvilinear editors, up to integration error for the warped one).
///
/// Parameters and buffers are named as a PyTorch state_dict (`Module`), so an
/// editor saves and loads as safetensors through `save(to:)` / `load(from:)`.
public protocol LatentEditor: Module {
    /// Latent size D.
    var latentDim: Int { get }
    /// Number of directions K.
    var directions: Int { get }
    /// What rebuilds this editor before its state is loaded: `type` (linear,
    /// warped, curvilinear, closed_form) and its sizes, as strings (written to
    /// the safetensors `__metadata__` by `EditorFile`).
    var architecture: [String: String] { get }

    /// z' = phi_{k_b}^{t_b}(z_b) for every row b: z [B, D], k and t of length B.
    /// Differentiable in z and in the editor's parameters.
    func edit(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> Tensor

    /// The edit plus the editor's own regularisers, for training.
    func trainingEdit(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> EditStep

    /// The path phi_k^t(z) used to traverse a direction (evaluation, figures).
    func traverse(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> Tensor
}

/// What one training edit produces.
public struct EditStep {
    /// z' [B, D].
    public var edited: Tensor
    /// log|det df/dz| [B] of a flow editor at z, nil for editors without one.
    public var logDeterminant: Tensor?

    public init(edited: Tensor, logDeterminant: Tensor? = nil) {
        self.edited = edited
        self.logDeterminant = logDeterminant
    }
}

extension LatentEditor {
    public func trainingEdit(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> EditStep {
        EditStep(edited: edit(z, directions: k, amounts: t))
    }

    public func traverse(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> Tensor {
        edit(z, directions: k, amounts: t)
    }

    /// One direction and amount for the whole batch.
    public func traverse(_ z: Tensor, direction k: Int, amount t: Float) -> Tensor {
        let b = z.shape[0]
        return traverse(z, directions: [Int](repeating: k, count: b), amounts: [Float](repeating: t, count: b))
    }

    /// Checks the arguments of an edit; shape errors are programming errors (as in Tensor).
    func checkEdit(_ z: Tensor, _ k: [Int], _ t: [Float], _ op: String) {
        precondition(z.rank == 2 && z.shape[1] == latentDim,
                     "\(op): latents \(z.shape) should be [B, \(latentDim)]")
        precondition(k.count == z.shape[0] && t.count == z.shape[0],
                     "\(op): \(k.count) directions and \(t.count) amounts for a batch of \(z.shape[0])")
        precondition(k.allSatisfy { $0 >= 0 && $0 < directions }, "\(op): a direction is outside 0..<\(directions)")
    }
}

/// Amounts as a column [B, 1] that broadcasts over the latent axis.
func amountColumn(_ t: [Float]) -> Tensor { Tensor(t, shape: [t.count, 1]) }

/// Errors of building, loading and training editors.
public enum EditorError: Error, CustomStringConvertible, Equatable {
    case invalidOption(name: String, value: String, expected: String)
    case nonFiniteLoss(step: Int, lastCheckpoint: String?)
    case checkpointMismatch(file: String, reason: String)
    case eigenSolverFailed(reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(name, value, expected):
            return "editor option \(name) = \(value) is invalid; expected \(expected)"
        case let .nonFiniteLoss(step, checkpoint):
            let kept = checkpoint.map { "the last good checkpoint is kept at \($0)" } ?? "no checkpoint was written yet"
            return "editor training stopped at step \(step): the loss is not finite; \(kept); lower lr or eps_max and retry"
        case let .checkpointMismatch(file, reason):
            return "\(file): cannot resume from this checkpoint (\(reason)); delete it to start over"
        case let .eigenSolverFailed(reason):
            return "eigen decomposition failed (\(reason)); check the generator weights are finite"
        }
    }
}
