import Tensor

/// Hinge losses of the GAN step (Lim & Ye 2017; Miyato et al. 2018), means over the batch:
/// discriminator  L_D = mean(relu(1 - D(x_real))) + mean(relu(1 + D(x_fake)));
/// generator      L_G = -mean(D(G(z))).
public func hingeDiscriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
    (1 - real).relu().mean() + (1 + fake).relu().mean()
}

public func hingeGeneratorLoss(fake: Tensor) -> Tensor {
    -fake.mean()
}
