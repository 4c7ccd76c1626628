import Foundation
import NN
import Tensor

/// Loading a shipped dcgan32 generator (GAN generator or VAE decoder) from safetensors.
///
/// Width c, latent size d and channels C are read from the tensor shapes
/// (main.0.weight [4c*16, d], main.10.weight [c, C, 4, 4]), so a file exported from
/// PyTorch without metadata loads too; `__metadata__` (kind, step) is kept if present.
public enum GeneratorFile {
    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case notDCGAN32(file: String, reason: String)

        public var description: String {
            switch self {
            case let .notDCGAN32(file, reason):
                return "\(file): not a dcgan32 generator (\(reason)); give a file written by train-gan/train-vae or a PyTorch state_dict of reference/architectures.py"
            }
        }
    }

    /// The generator in evaluation mode, with its metadata.
    public static func load(from url: URL) throws -> (generator: DCGAN32Generator, metadata: [String: String]) {
        try load(SafetensorsFile.read(from: url), url: url)
    }

    /// The same from a file already read (`SafetensorsFile.decode` of its bytes).
    public static func load(_ file: SafetensorsFile, url: URL) throws -> (generator: DCGAN32Generator, metadata: [String: String]) {
        guard let first = file.tensors["main.0.weight"], first.shape.count == 2, first.shape[0] % 64 == 0 else {
            throw LoadError.notDCGAN32(file: url.path, reason: "no main.0.weight of shape [4c*16, d]")
        }
        let width = first.shape[0] / 64, latentDim = first.shape[1]
        guard let last = file.tensors["main.10.weight"], last.shape.count == 4, last.shape[0] == width,
              [1, 3].contains(last.shape[1]), last.shape[2...] == [4, 4] else {
            throw LoadError.notDCGAN32(file: url.path, reason: "no main.10.weight of shape [c, C, 4, 4] with c = \(width) and C 1 or 3")
        }
        // The config's ranges: the network is built before its weights are checked, so a
        // header's shapes alone must not ask for gigabytes.
        guard (4...512).contains(width), (2...1024).contains(latentDim) else {
            throw LoadError.notDCGAN32(file: url.path, reason: "width \(width) and latent size \(latentDim) outside 4...512 and 2...1024")
        }
        let channels = last.shape[1]
        var rng = RNG(seed: 0)
        let generator = DCGAN32Generator(latentDim: latentDim, width: width, channels: channels, rng: &rng)
        try generator.load(file, file: url.path)
        for p in generator.parameters() { p.requiresGrad = false }
        generator.eval()
        return (generator, file.metadata)
    }
}
