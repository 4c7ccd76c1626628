/// Analytic floating-point operation counts of the bench workloads.
///
/// Only Linear and convolution layers are counted, 2 FLOPs per multiply-add
/// (elementwise ops, batch norm and spectral-norm power iterations are a few
/// percent and are left out). A backward pass through a layer costs twice its
/// forward (input gradient + weight gradient). reference/bench_torch.py uses
/// the same formulas, so GFLOP/s of the two engines compare directly.
public enum BenchFlops {
    /// conv: 2 N Cout Ho Wo Cin k k.
    static func conv(n: Int, cin: Int, cout: Int, outSize: Int, k: Int) -> Double {
        2 * Double(n * cout * outSize * outSize * cin * k * k)
    }

    /// transposed conv: 2 N Cin Hi Wi Cout k k (each input pixel scatters a k x k patch).
    static func convTranspose(n: Int, cin: Int, cout: Int, inSize: Int, k: Int) -> Double {
        2 * Double(n * cin * inSize * inSize * cout * k * k)
    }

    static func linear(n: Int, inFeatures: Int, outFeatures: Int) -> Double {
        2 * Double(n * inFeatures * outFeatures)
    }

    /// One dcgan32 generator forward on n latents.
    public static func dcgan32Forward(n: Int, latentDim d: Int, width c: Int, channels: Int) -> Double {
        linear(n: n, inFeatures: d, outFeatures: 4 * c * 16)
            + convTranspose(n: n, cin: 4 * c, cout: 2 * c, inSize: 4, k: 4)
            + convTranspose(n: n, cin: 2 * c, cout: c, inSize: 8, k: 4)
            + convTranspose(n: n, cin: c, cout: channels, inSize: 16, k: 4)
    }

    /// One sn_dcgan32 discriminator forward on n images.
    public static func snDCGAN32Forward(n: Int, width c: Int, channels: Int) -> Double {
        conv(n: n, cin: channels, cout: c, outSize: 16, k: 4)
            + conv(n: n, cin: c, cout: 2 * c, outSize: 8, k: 4)
            + conv(n: n, cin: 2 * c, cout: 4 * c, outSize: 4, k: 4)
            + linear(n: n, inFeatures: 4 * c * 16, outFeatures: 1)
    }

    /// GAN step on batch n: discriminator step = G forward (no graph) + D forward and
    /// backward on real and on fake (3 D each); generator step = G and D forward and
    /// backward (3 G + 3 D). Total 4 G + 9 D.
    public static func ganStep(n: Int, latentDim d: Int, width c: Int, channels: Int) -> Double {
        4 * dcgan32Forward(n: n, latentDim: d, width: c, channels: channels)
            + 9 * snDCGAN32Forward(n: n, width: c, channels: channels)
    }
}
