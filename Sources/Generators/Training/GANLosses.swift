import NN
import Tensor

extension GANLoss {
    /// The discriminator's loss on its scores of real and generated images ([B, 1] each).
    public func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        switch self {
        case .hinge: return hingeDiscriminatorLoss(real: real, fake: fake)
        case .nonsaturating: return (-real).softplus().mean() + fake.softplus().mean()
        }
    }

    /// The generator's loss on the discriminator's scores of generated images.
    public func generatorLoss(fake: Tensor) -> Tensor {
        switch self {
        case .hinge: return hingeGeneratorLoss(fake: fake)
        case .nonsaturating: return (-fake).softplus().mean()
        }
    }
}
