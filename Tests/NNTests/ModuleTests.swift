import Foundation
import TestSupport
import XCTest
import Tensor
@testable import NN

final class ModuleTests: XCTestCase {
    private func net(_ seed: UInt64 = 1) -> Sequential {
        var rng = RNG(seed: seed)
        return Sequential([Linear(4, 3, rng: &rng), BatchNorm(3), Activation.relu(),
                           SpectralNorm(Linear(3, 2, rng: &rng), rng: &rng)])
    }

    func testPyTorchNamesAndModePropagation() {
        let n = net()
        XCTAssertEqual(n.namedParameters().map(\.0), ["0.weight", "0.bias", "1.weight", "1.bias", "3.weight_orig", "3.bias"])
        XCTAssertEqual(n.namedBuffers().map(\.0), ["1.running_mean", "1.running_var", "3.weight_u", "3.weight_v"])
        XCTAssertEqual(n.parameterCount, (12 + 3) + (3 + 3) + (6 + 2))
        n.eval()
        XCTAssertFalse(n.layers[1].isTraining)
        XCTAssertFalse(n.layers[3].isTraining)
        n.train()
        XCTAssertTrue(n.layers[3].isTraining)
    }

    /// Frozen parameters get no gradient while the input still does, and every flag comes
    /// back afterwards (a parameter frozen before stays frozen), also when the body throws.
    func testWithFrozenParametersPassesInputGradientsAndRestoresFlags() {
        let n = net()
        let bias = n.namedParameters().first { $0.0 == "0.bias" }!.1
        bias.requiresGrad = false
        var rng = RNG(seed: 9)
        let x = Tensor.randn([5, 4], rng: &rng, requiresGrad: true)
        n.withFrozenParameters { n(x).sum().backward() }
        XCTAssertNotNil(x.grad)
        XCTAssertTrue(n.parameters().allSatisfy { $0.grad == nil })
        XCTAssertEqual(n.parameters().map(\.requiresGrad), [true, false, true, true, true, true])

        struct Stop: Error {}
        XCTAssertThrowsError(try n.withFrozenParameters { throw Stop() })
        XCTAssertEqual(n.parameters().map(\.requiresGrad), [true, false, true, true, true, true])
        n(x).sum().backward()
        XCTAssertNotNil(n.parameters()[0].grad, "unfrozen again")
    }

    /// Kaiming-uniform(a = sqrt 5): weights within +-1/sqrt(fan_in), filling most of the range.
    func testDefaultInitialisationBounds() {
        var rng = RNG(seed: 2)
        let conv = Conv2d(8, 16, kernelSize: 3, rng: &rng)
        let bound = 1 / Float(8 * 9).squareRoot()
        let w = conv.weight.scalars
        XCTAssertLessThanOrEqual(w.map(abs).max()!, bound)
        XCTAssertGreaterThan(w.map(abs).max()!, 0.95 * bound)
        XCTAssertEqual(w.reduce(0, +) / Float(w.count), 0, accuracy: 0.1 * bound)
        let convT = ConvTranspose2d(16, 4, kernelSize: 4, rng: &rng)
        XCTAssertLessThanOrEqual(convT.weight.scalars.map(abs).max()!, 1 / Float(4 * 16).squareRoot())
        XCTAssertTrue(conv.weight.requiresGrad)
    }

    func testSaveLoadRoundTripAcrossInstances() throws {
        let a = net(1), b = net(2)
        let url = try temporaryFolder().appendingPathComponent("nn.safetensors")
        try a.save(to: url, metadata: ["arch": "test"])
        let keptReference = b.layers[0] as! Linear
        try b.load(from: url)
        for (name, t) in a.stateDict() { XCTAssertEqual(b.stateDict()[name]?.scalars, t.scalars, name) }
        XCTAssertTrue((b.layers[0] as! Linear).weight === keptReference.weight, "load copies in place")
    }

    func testLoadRejectsMissingUnexpectedAndMisshapenTensors() throws {
        let good = net(1).storedState()
        let target = net(2)
        let before = target.stateDict().mapValues(\.scalars)

        var missing = good
        missing.tensors["3.weight_u"] = nil
        XCTAssertThrowsError(try target.load(missing, file: "m.safetensors")) {
            XCTAssertEqual($0 as? SafetensorsError, .missingTensor(file: "m.safetensors", tensor: "3.weight_u"))
        }
        var extra = good
        extra.tensors["4.weight"] = StoredTensor(shape: [1], values: [0])
        XCTAssertThrowsError(try target.load(extra, file: "m.safetensors")) {
            XCTAssertEqual($0 as? SafetensorsError, .unexpectedTensor(file: "m.safetensors", tensor: "4.weight"))
        }
        var misshapen = good
        misshapen.tensors["0.weight"] = StoredTensor(shape: [4, 3], values: [Float](repeating: 0, count: 12))
        XCTAssertThrowsError(try target.load(misshapen, file: "m.safetensors")) {
            XCTAssertEqual($0 as? SafetensorsError,
                           .shapeMismatch(file: "m.safetensors", tensor: "0.weight", expected: [3, 4], found: [4, 3]))
            XCTAssertTrue("\($0)".contains("0.weight"))
        }
        XCTAssertEqual(target.stateDict().mapValues(\.scalars), before, "a failed load changes nothing")
    }

    /// PyTorch checkpoints carry bn.num_batches_tracked (I64); it is skipped by rule.
    func testNumBatchesTrackedIsSkipped() throws {
        var file = net(1).storedState()
        file.tensors["1.num_batches_tracked"] = StoredTensor(shape: [], values: [3])
        XCTAssertNoThrow(try net(2).load(file))
    }
}
