import Generators
import NN
import Tensor

/// One timed unit of work of `curvilinear bench`.
public protocol BenchWorkload: AnyObject {
    /// The name in the JSON report (shared with reference/bench_torch.py).
    var name: String { get }
    /// Analytic FLOPs of one step (BenchFlops).
    var flopsPerStep: Double { get }
    /// Items one step produces (images for the forward workload, 1 for training steps).
    var itemsPerStep: Int { get }
    func step()
}

/// Workload 1: dcgan32 (d = 128, c = 64, C = 3) forward on a batch of 64 latents, no gradients,
/// evaluation mode (the rendering workload).
public final class GeneratorForwardWorkload: BenchWorkload {
    public let name = "generator_forward"
    let generator: DCGAN32Generator
    let batch: Int
    var rng: RNG

    public init(batch: Int = 64, latentDim: Int = 128, width: Int = 64, channels: Int = 3, seed: UInt64 = 0) {
        rng = RNG(seed: seed)
        generator = DCGAN32Generator(latentDim: latentDim, width: width, channels: channels, rng: &rng)
        generator.eval()
        self.batch = batch
    }

    public var flopsPerStep: Double {
        BenchFlops.dcgan32Forward(n: batch, latentDim: generator.latentDim, width: generator.width,
                                  channels: generator.channels)
    }
    public var itemsPerStep: Int { batch }

    public func step() {
        let z = Tensor.randn([batch, generator.latentDim], rng: &rng)
        _ = Tensor.withoutGradients { generator(z) }
    }
}

/// Workload 2: one hinge-loss discriminator step then one generator step, batch 64, Adam
/// (lr 2e-4, betas 0.5, 0.999), dcgan32 generator and sn_dcgan32 discriminator (c = 64, C = 3).
public final class GANStepWorkload: BenchWorkload {
    public let name = "gan_step"
    let generator: DCGAN32Generator
    let discriminator: SNDCGAN32Discriminator
    let generatorOptimizer: Adam
    let discriminatorOptimizer: Adam
    let real: Tensor
    let batch: Int
    var rng: RNG

    public init(batch: Int = 64, latentDim: Int = 128, width: Int = 64, channels: Int = 3, seed: UInt64 = 0) {
        rng = RNG(seed: seed)
        generator = DCGAN32Generator(latentDim: latentDim, width: width, channels: channels, rng: &rng)
        discriminator = SNDCGAN32Discriminator(width: width, channels: channels, rng: &rng)
        generatorOptimizer = Adam(generator.parameters(), learningRate: 2e-4, betas: (0.5, 0.999))
        discriminatorOptimizer = Adam(discriminator.parameters(), learningRate: 2e-4, betas: (0.5, 0.999))
        // Stand-in "real" images: fixed uniform noise in [-1, 1] (the data pipeline is not timed).
        real = Tensor.rand([batch, channels, 32, 32], low: -1, high: 1, rng: &rng)
        self.batch = batch
    }

    public var flopsPerStep: Double {
        BenchFlops.ganStep(n: batch, latentDim: generator.latentDim, width: generator.width,
                           channels: generator.channels)
    }
    public var itemsPerStep: Int { 1 }

    public func step() {
        let d = generator.latentDim
        let fake = Tensor.withoutGradients { generator(Tensor.randn([batch, d], rng: &rng)) }
        discriminatorOptimizer.zeroGrad()
        hingeDiscriminatorLoss(real: discriminator(real), fake: discriminator(fake)).backward()
        discriminatorOptimizer.step()

        generatorOptimizer.zeroGrad()
        hingeGeneratorLoss(fake: discriminator(generator(Tensor.randn([batch, d], rng: &rng)))).backward()
        generatorOptimizer.step()
    }
}
