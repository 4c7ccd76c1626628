import NN
import Tensor

/// Exponential moving average of a generator's weights (Yazici et al. 2019):
/// after each generator update, ema = beta ema + (1 - beta) theta, with the warm-up
/// beta_t = min(beta, (1 + t) / (10 + t)) so early averages do not remember the
/// random initialisation. Buffers (batch-norm running statistics) are not averaged:
/// `BatchNormRecalibration` recomputes them for the averaged weights at export.
public final class WeightEMA {
    public let average: DCGAN32Generator
    public let decay: Float

    public init(of generator: DCGAN32Generator, decay: Float, rng: inout RNG) throws {
        var scratch = rng
        average = DCGAN32Generator(latentDim: generator.latentDim, width: generator.width,
                                   channels: generator.channels, rng: &scratch)
        self.decay = decay
        try average.load(generator.storedState())
        for p in average.parameters() { p.requiresGrad = false }
    }

    /// Moves the average towards `generator` after update number `step` (1-based).
    public func update(from generator: DCGAN32Generator, step: Int) {
        let beta = Swift.min(decay, Float(1 + step) / Float(10 + step))
        for ((_, a), (_, p)) in zip(average.namedParameters(), generator.namedParameters()) {
            p.withUnsafeBufferPointer { pb in
                a.withUnsafeMutableBufferPointer { ab in
                    guard let pp = pb.baseAddress, let ap = ab.baseAddress else { return }
                    for i in 0..<ab.count { ap[i] = beta * ap[i] + (1 - beta) * pp[i] }
                }
            }
        }
    }
}

/// Batch-norm "standing statistics": runs the generator in training mode on `batches`
/// batches of fresh latents without gradients, so each running mean and variance
/// converges (momentum 0.1: after 60 batches the initial value weighs 0.9^60 < 0.2%)
/// to the statistics of these weights, then switches to evaluation mode.
public enum BatchNormRecalibration {
    public static func run(_ generator: DCGAN32Generator, batches: Int = 60, batch: Int = 64, seed: UInt64) {
        var rng = RNG(seed: seed)
        generator.train()
        Tensor.withoutGradients {
            for _ in 0..<batches { _ = generator(Tensor.randn([batch, generator.latentDim], rng: &rng)) }
        }
        generator.eval()
    }
}
