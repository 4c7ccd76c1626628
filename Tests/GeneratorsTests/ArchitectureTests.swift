import Foundation
import XCTest
import NN
import Tensor
@testable import Generators

/// The standard architectures against reference/make_fixtures.py (PyTorch twins in reference/architectures.py).
final class ArchitectureTests: XCTestCase {
    private func fixture(_ name: String) throws -> SafetensorsFile {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try SafetensorsFile.read(from: folder.appendingPathComponent(name + ".safetensors"))
    }

    private func get(_ f: SafetensorsFile, _ name: String) throws -> StoredTensor {
        try XCTUnwrap(f.tensors[name], "fixture has no '\(name)'")
    }

    /// |a - b| <= 1e-5 + 1e-4 |b| everywhere.
    private func assertClose(_ a: Tensor, _ b: StoredTensor, _ what: String, file: StaticString = #filePath,
                             line: UInt = #line) {
        XCTAssertEqual(a.shape, b.shape, what, file: file, line: line)
        let x = a.scalars
        guard x.count == b.values.count else { return }
        let bad = x.indices.first { abs(x[$0] - b.values[$0]) > 1e-5 + 1e-4 * abs(b.values[$0]) || x[$0].isNaN }
        if let i = bad {
            XCTFail("\(what)[\(i)]: \(x[i]) vs expected \(b.values[i])", file: file, line: line)
        }
    }

    /// Loads the entries of `f` named `prefix + name` for every state name of `module`.
    private func load(_ module: any Module, from f: SafetensorsFile, prefix: String) throws {
        var state = SafetensorsFile()
        for name in module.stateDict().keys { state.tensors[name] = try get(f, prefix + name) }
        try module.load(state)
    }

    func testParameterNamesMatchPyTorch() throws {
        var rng = RNG(seed: 0)
        let g = DCGAN32Generator(latentDim: 16, width: 8, channels: 3, rng: &rng)
        let torchNames = Set(try fixture("dcgan32_d16_c8").tensors.keys.filter { !$0.hasSuffix("num_batches_tracked") })
        XCTAssertEqual(Set(g.stateDict().keys), torchNames)
        let d = SNDCGAN32Discriminator(width: 4, channels: 3, rng: &rng)
        let mini = try fixture("mini_dcgan32")
        let torchD = Set(mini.tensors.keys.filter { $0.hasPrefix("disc.") }.map { String($0.dropFirst(5)) })
        XCTAssertEqual(Set(d.stateDict().keys), torchD)
        XCTAssertEqual(d.stateDict()["main.7.weight_orig"]?.shape, [1, 4 * 4 * 16])
    }

    /// GANSpace's layer: the first block ReLU(BN(W z + b)), nonlinear in z (so its PCA is not
    /// SeFa's), shaped [B, 4c, 4, 4] and the input of main.4.
    func testFirstBlockIsTheReLUOutputOfTheFirstLayer() {
        var rng = RNG(seed: 1)
        let g = DCGAN32Generator(latentDim: 16, width: 8, channels: 3, rng: &rng)
        g.eval()
        let z = Tensor.randn([5, 16], rng: &rng)
        let y = g.firstBlock(z)
        XCTAssertEqual(y.shape, [5, 32, 4, 4])
        XCTAssertEqual(y.scalars.min() ?? -1, 0, "ReLU output")
        XCTAssertGreaterThan(y.scalars.filter { $0 == 0 }.count, y.scalars.count / 5, "the ReLU cuts")
        XCTAssertEqual(g.main.layers[4...].reduce(y) { x, layer in layer(x) }.scalars, g(z).scalars)
    }

    /// A PyTorch dcgan32 checkpoint (with its I64 num_batches_tracked) loads and gives the same images.
    func testPyTorchCheckpointLoadsAndGivesTheSameImages() throws {
        var rng = RNG(seed: 0)
        let g = DCGAN32Generator(latentDim: 16, width: 8, channels: 3, rng: &rng)
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        try g.load(from: folder.appendingPathComponent("dcgan32_d16_c8.safetensors"))
        g.eval()
        let sample = try fixture("dcgan32_d16_c8_sample")
        let z = try get(sample, "z").tensor()
        let image = Tensor.withoutGradients { g(z) }
        XCTAssertEqual(image.shape, [4, 3, 32, 32])
        assertClose(image, try get(sample, "image"), "image")
    }

    /// Width-4 generator and discriminator in training mode end to end: outputs, losses,
    /// every parameter gradient, the latent gradient, running stats and spectral-norm u, v.
    func testMiniGANEndToEndGradients() throws {
        let f = try fixture("mini_dcgan32")
        var rng = RNG(seed: 0)
        let g = DCGAN32Generator(latentDim: 8, width: 4, channels: 3, rng: &rng)
        let d = SNDCGAN32Discriminator(width: 4, channels: 3, rng: &rng)
        try load(g, from: f, prefix: "gen.")
        try load(d, from: f, prefix: "disc.")

        let z = try get(f, "z").tensor(requiresGrad: true)
        let x = g(z)
        assertClose(x, try get(f, "x"), "G(z)")
        let lossG = mseLoss(x, try get(f, "target").tensor())
        XCTAssertEqual(lossG.item, try get(f, "loss_g").values[0], accuracy: 1e-5)
        lossG.backward()
        assertClose(try XCTUnwrap(z.grad), try get(f, "grad.z"), "grad.z")
        for (name, p) in g.namedParameters() {
            assertClose(try XCTUnwrap(p.grad, name), try get(f, "grad.gen." + name), "grad.gen.\(name)")
        }
        for (name, b) in g.namedBuffers() { assertClose(b, try get(f, "after.gen." + name), name) }

        let xd = x.detach().copy()
        xd.requiresGrad = true
        try assertDiscriminatorStep(d, on: xd, matches: f, loss: "loss_d")
    }

    /// One training-mode pass of `d` on `x` (requiresGrad) with the hinge term mean(relu(1 - D(x))),
    /// against the fixture's score, loss, grad.x, grad.disc.* and after.disc.* (u and v).
    private func assertDiscriminatorStep(_ d: any Layer, on x: Tensor, matches f: SafetensorsFile, loss lossName: String,
                                         file: StaticString = #filePath, line: UInt = #line) throws {
        let score = d(x)
        assertClose(score, try get(f, "score"), "D(x)", file: file, line: line)
        let loss = (1 - score).relu().mean()
        XCTAssertEqual(loss.item, try get(f, lossName).values[0], accuracy: 1e-5, file: file, line: line)
        loss.backward()
        assertClose(try XCTUnwrap(x.grad), try get(f, "grad.x"), "grad.x", file: file, line: line)
        for (name, p) in d.namedParameters() {
            assertClose(try XCTUnwrap(p.grad, name), try get(f, "grad.disc." + name), "grad.disc.\(name)",
                        file: file, line: line)
        }
        for (name, b) in d.namedBuffers() { assertClose(b, try get(f, "after.disc." + name), name, file: file, line: line) }
    }

    /// The sngan_cnn32_mbstd discriminator (width 2) in training mode against its PyTorch twin:
    /// names, score, hinge loss, the input gradient, every parameter gradient, u and v after the step.
    func testSNGANCNN32DiscriminatorMatchesPyTorch() throws {
        let f = try fixture("mini_sngan_cnn32")
        var rng = RNG(seed: 0)
        let d = SNGANCNN32Discriminator(width: 2, channels: 3, rng: &rng)
        let torchNames = Set(f.tensors.keys.filter { $0.hasPrefix("disc.") }.map { String($0.dropFirst(5)) })
        XCTAssertEqual(Set(d.stateDict().keys), torchNames)
        try load(d, from: f, prefix: "disc.")

        try assertDiscriminatorStep(d, on: try get(f, "x").tensor(requiresGrad: true), matches: f, loss: "loss")
    }

    /// The same net with a grouped minibatch stddev (8 images in groups of 4, 4 maps).
    func testGroupedMinibatchStdDevMatchesPyTorch() throws {
        let f = try fixture("mini_sngan_cnn32_grouped")
        var rng = RNG(seed: 0)
        let d = SNGANCNN32Discriminator(width: 2, channels: 3, minibatchStd: MinibatchStdDev(groupSize: 4, features: 4), rng: &rng)
        try load(d, from: f, prefix: "disc.")
        try assertDiscriminatorStep(d, on: try get(f, "x").tensor(requiresGrad: true), matches: f, loss: "loss")
    }

    /// Groups by hand: images n = i * M + j form group j; each map averages its channel group.
    func testMinibatchStdDevGroupsImagesAndChannels() {
        // 4 images, 2 channels, 1x1: channel 0 is n, channel 1 is 10 n.
        let x = Tensor([0, 0, 1, 10, 2, 20, 3, 30], shape: [4, 2, 1, 1])
        // Groups of 2: {0, 2} and {1, 3}; in each, channel 0 has std 1 and channel 1 std 10.
        let y = MinibatchStdDev(groupSize: 2, features: 2)(x)
        XCTAssertEqual(y.shape, [4, 4, 1, 1])
        for (got, want) in zip(y.scalars, [0, 0, 1, 10, 1, 10, 1, 10, 2, 20, 1, 10, 3, 30, 1, 10] as [Float]) {
            XCTAssertEqual(got, want, accuracy: 1e-5)
        }
        // One group, one map: the ProGAN statistic, mean over channels of the whole batch's std.
        let whole = MinibatchStdDev()(x)
        let std0 = (1.25 as Float).squareRoot(), std1 = (125 as Float).squareRoot()
        XCTAssertEqual(whole.scalars[2], (std0 + std1) / 2, accuracy: 1e-4)
    }

    func testOutputShapesAndRange() {
        var rng = RNG(seed: 1)
        let g = DCGAN32Generator(latentDim: 8, width: 2, channels: 1, rng: &rng)
        let d = SNDCGAN32Discriminator(width: 2, channels: 1, rng: &rng)
        let x = g(Tensor.randn([3, 8], rng: &rng))
        XCTAssertEqual(x.shape, [3, 1, 32, 32])
        XCTAssertLessThanOrEqual(x.scalars.map(abs).max()!, 1)
        XCTAssertEqual(d(x).shape, [3, 1])
    }
}
