import NN
import Tensor

/// The `lenet_w2` reconstructor (DESIGN.md section 9): from the pair
/// concat(x, x') [B, 2C, 32, 32] it predicts which direction k was edited
/// (logits [B, K]) and by how much (eps_hat [B]).
///
///     features    Conv(2C -> 12, k5), BN, ReLU, MaxPool2   28 -> 14
///                 Conv(12 -> 32, k5), BN, ReLU, MaxPool2   10 -> 5
///                 Conv(32 -> 240, k5), BN, ReLU            1x1; then the mean over H, W
///     classifier  Linear(240 -> 168), BN1d, ReLU, Linear(168 -> K)
///     shift       Linear(240 -> 168), BN1d, ReLU, Linear(168 -> 1)
///
/// State_dict names match reference/architectures.py (`features.0.weight`, ...).
public final class Reconstructor: Module {
    public let channels: Int
    public let directions: Int
    public let features: Sequential
    public let classifier: Sequential
    public let shift: Sequential
    public var isTraining = true

    public init(channels c: Int, directions k: Int, rng: inout RNG) {
        channels = c
        directions = k
        features = Sequential([
            Conv2d(2 * c, 12, kernelSize: 5, rng: &rng), BatchNorm(12), Activation.relu(), MaxPool2d(2),
            Conv2d(12, 32, kernelSize: 5, rng: &rng), BatchNorm(32), Activation.relu(), MaxPool2d(2),
            Conv2d(32, 240, kernelSize: 5, rng: &rng), BatchNorm(240), Activation.relu(),
        ])
        classifier = Sequential([Linear(240, 168, rng: &rng), BatchNorm(168), Activation.relu(),
                                 Linear(168, k, rng: &rng)])
        shift = Sequential([Linear(240, 168, rng: &rng), BatchNorm(168), Activation.relu(),
                            Linear(168, 1, rng: &rng)])
    }

    public var children: [(String, any Module)] {
        [("features", features), ("classifier", classifier), ("shift", shift)]
    }

    /// (logits [B, K], eps_hat [B]) for images x, x' [B, C, 32, 32].
    public func callAsFunction(_ x: Tensor, _ edited: Tensor) -> (logits: Tensor, shift: Tensor) {
        let h = globalAvgPool2d(features(concat([x, edited], axis: 1)))
        let epsHat = shift(h)
        return (classifier(h), epsHat.reshape([epsHat.shape[0]]))
    }
}
