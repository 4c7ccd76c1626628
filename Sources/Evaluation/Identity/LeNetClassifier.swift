import NN
import Tensor

/// The identity classifier (DESIGN.md sections 4 and 5): a LeNet for 32x32 images
/// (digit class for MNIST, shape class for sprites). Its penultimate activations are the
/// feature space of the Frechet distance.
///
///     features.0  Conv2d(C -> 16, k5)   32 -> 28      features.1 BatchNorm2d(16), .2 ReLU, .3 MaxPool2 -> 14
///     features.4  Conv2d(16 -> 32, k5)  14 -> 10      features.5 BatchNorm2d(32), .6 ReLU, .7 MaxPool2 -> 5
///     features.8  Flatten (800)
///     features.9  Linear(800 -> 128)    features.10 ReLU          -> the 128-d features
///     head        Linear(128 -> K)                                -> class logits
public final class LeNetClassifier: Layer {
    public let channels: Int
    public let classes: Int
    public static let featureDimension = 128
    public let features: Sequential
    public let head: Linear
    public var isTraining = true

    public init(channels: Int, classes: Int, rng: inout RNG) {
        self.channels = channels
        self.classes = classes
        features = Sequential([
            Conv2d(channels, 16, kernelSize: 5, rng: &rng), BatchNorm(16), Activation.relu(), MaxPool2d(2),
            Conv2d(16, 32, kernelSize: 5, rng: &rng), BatchNorm(32), Activation.relu(), MaxPool2d(2),
            Flatten(),
            Linear(32 * 5 * 5, LeNetClassifier.featureDimension, rng: &rng), Activation.relu(),
        ])
        head = Linear(LeNetClassifier.featureDimension, classes, rng: &rng)
    }

    public var children: [(String, any Module)] { [("features", features), ("head", head)] }

    /// Class logits [N, K] of images [N, C, 32, 32].
    public func callAsFunction(_ x: Tensor) -> Tensor { head(features(x)) }

    /// Penultimate features [N, 128] and class probabilities [N, K] of `images` (NCHW
    /// values), in evaluation mode, in chunks of `chunk`.
    public func evaluate(_ pixels: [Float], count: Int, chunk: Int = 500) -> (features: [Float], probabilities: [Float]) {
        eval()
        let size = pixels.count / Swift.max(count, 1)
        var feats: [Float] = [], probs: [Float] = []
        feats.reserveCapacity(count * LeNetClassifier.featureDimension)
        probs.reserveCapacity(count * classes)
        var start = 0
        while start < count {
            let n = Swift.min(chunk, count - start)
            let x = Tensor(Array(pixels[start * size ..< (start + n) * size]), shape: [n, channels, 32, 32])
            Tensor.withoutGradients {
                let f = features(x)
                feats += f.scalars
                probs += head(f).softmax().scalars
            }
            start += n
        }
        return (feats, probs)
    }
}
