import XCTest
import Tensor
@testable import NN

/// Each layer against reference/make_fixtures.py: outputs, input and parameter gradients, buffers.
final class LayerFixtureTests: XCTestCase {
    func testLinear() throws {
        var rng = RNG(seed: 1)
        try checkLayerCase(Linear(5, 4, rng: &rng), fixture("linear"))
    }

    func testConv2dStride2Padding1OddSizes() throws {
        var rng = RNG(seed: 1)
        try checkLayerCase(Conv2d(3, 4, kernelSize: 3, stride: 2, padding: 1, rng: &rng), fixture("conv2d"))
    }

    func testConvTranspose2dK4S2P1() throws {
        var rng = RNG(seed: 1)
        try checkLayerCase(ConvTranspose2d(3, 2, kernelSize: 4, stride: 2, padding: 1, rng: &rng),
                           fixture("conv_transpose2d"))
    }

    func testBatchNormTrainingAndEvaluation() throws {
        let f = try fixture("batch_norm")
        for (name, channels) in [("bn1d", 4), ("bn2d", 3)] {
            let bn = BatchNorm(channels)
            try checkLayerCase(bn, f, prefix: name + ".train.")
            bn.eval()
            bn.zeroGrad()
            try checkLayerCase(bn, f, prefix: name + ".eval.")
        }
    }

    func testSpectralNormTrainingPowerIterationAndEvaluation() throws {
        let f = try fixture("spectral_norm")
        var rng = RNG(seed: 1)
        let linear = SpectralNorm(Linear(5, 4, rng: &rng), rng: &rng)
        try checkLayerCase(linear, f, prefix: "linear.train.")
        linear.eval()
        linear.zeroGrad()
        try checkLayerCase(linear, f, prefix: "linear.eval.")

        let conv = SpectralNorm(Conv2d(2, 3, kernelSize: 3, stride: 2, padding: 1, rng: &rng), rng: &rng)
        try checkLayerCase(conv, f, prefix: "conv2d.train.")
        conv.eval()
        conv.zeroGrad()
        try checkLayerCase(conv, f, prefix: "conv2d.eval.")
    }

    func testActivations() throws {
        let f = try fixture("activations")
        let layers: [(String, Activation)] = [("relu", .relu()), ("leaky_relu", .leakyReLU(0.1)), ("tanh", .tanh()),
                                              ("sigmoid", .sigmoid()), ("elu", .elu()), ("softplus", .softplus())]
        for (name, layer) in layers {
            try checkLayerCase(layer, f, prefix: name + ".")
        }
    }

    func testMaxPool() throws {
        try checkLayerCase(MaxPool2d(2), fixture("max_pool"))
    }

    func testCrossEntropy() throws {
        let f = try fixture("cross_entropy")
        let logits = try f.get("logits").tensor(requiresGrad: true)
        let labels = try f.get("target").values.map { Int($0) }
        let loss = crossEntropy(logits, labels)
        assertClose(StoredTensor(shape: [1], values: [loss.item]), try f.get("loss"), "loss")
        loss.backward()
        assertClose(StoredTensor(try XCTUnwrap(logits.grad)), try f.get("grad.logits"), "grad.logits")
    }

    /// A small net end to end: Linear, BatchNorm1d, LeakyReLU, Linear, cross-entropy; PyTorch names 0.weight, 1.running_mean...
    func testMultiLayerNetEndToEnd() throws {
        let f = try fixture("mlp")
        var rng = RNG(seed: 1)
        let net = Sequential([Linear(6, 8, rng: &rng), BatchNorm(8), Activation.leakyReLU(0.2), Linear(8, 3, rng: &rng)])
        XCTAssertEqual(Set(net.stateDict().keys),
                       ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "3.weight", "3.bias"])
        var state = SafetensorsFile()
        for name in net.stateDict().keys { state.tensors[name] = try f.get(name) }
        try net.load(state)
        let loss = crossEntropy(net(try f.get("input").tensor()), try f.get("target").values.map { Int($0) })
        assertClose(StoredTensor(shape: [1], values: [loss.item]), try f.get("loss"), "loss")
        loss.backward()
        for (name, p) in net.namedParameters() {
            assertClose(StoredTensor(try XCTUnwrap(p.grad, name)), try f.get("grad." + name), "grad.\(name)")
        }
        for (name, b) in net.namedBuffers() {
            assertClose(StoredTensor(b), try f.get("after." + name), name)
        }
    }
}
