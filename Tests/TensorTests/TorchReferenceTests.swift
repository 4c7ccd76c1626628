import Foundation
import XCTest
import Tensor

/// Outputs and gradients against PyTorch, from Fixtures/torch_ops.json
/// (made once by reference/torch_ops_fixture.py; no Python at test time).
final class TorchReferenceTests: XCTestCase {
    struct Array_: Decodable { let shape: [Int]; let data: [Float] }
    struct Case: Decodable {
        let name: String
        let inputs: [String: Array_]
        let r: [Float]
        let output: Array_
        let grads: [String: [Float]]
        let extra: [String: [Float]]?
        let labels: [Int]?
    }
    struct File: Decodable { let cases: [Case] }

    static let loaded = Result { () throws -> [String: Case] in
        guard let url = Bundle.module.url(forResource: "torch_ops", withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return Dictionary(uniqueKeysWithValues: file.cases.map { ($0.name, $0) })
    }
    static var cases: [String: Case] { (try? loaded.get()) ?? [:] }

    /// A broken fixture fails here with the decoder's reason, not as missing cases below.
    func testFixtureDecodes() {
        XCTAssertNoThrow(try Self.loaded.get())
    }

    /// Runs `op` on the case's inputs, then compares output, gradients of
    /// sum(out * r), and any extra tensors returned by `extra`.
    func check(_ name: String, atol: Float = 1e-4, file: StaticString = #filePath, line: UInt = #line,
               extra: () -> [String: Tensor] = { [:] }, _ op: ([String: Tensor]) -> Tensor) {
        guard let c = Self.cases[name] else { return XCTFail("fixture case \(name) missing", file: file, line: line) }
        let inputs = c.inputs.mapValues { Tensor($0.data, shape: $0.shape, requiresGrad: true) }
        let out = op(inputs)
        XCTAssertEqual(out.count, c.output.data.count, "\(name): output size", file: file, line: line)
        let o = out.reshape(c.output.shape)
        assertClose(o, Tensor(c.output.data, shape: c.output.shape), atol: atol, rtol: 1e-3, file: file, line: line)
        (o * Tensor(c.r, shape: c.output.shape)).sum().backward()
        for (k, g) in c.grads {
            guard let mine = inputs[k]?.grad else { XCTFail("\(name): no gradient for \(k)", file: file, line: line); continue }
            assertClose(mine, Tensor(g, shape: mine.shape), atol: atol, rtol: 1e-3, file: file, line: line)
        }
        for (k, t) in extra() {
            guard let ref = c.extra?[k] else { XCTFail("\(name): no reference \(k)", file: file, line: line); continue }
            assertClose(t, Tensor(ref, shape: t.shape), atol: atol, rtol: 1e-3, file: file, line: line)
        }
    }

    func testFixturePresent() { XCTAssertEqual(Self.cases.count, 15) }

    func testConv2d() {
        check("conv2d_s2_p1") { conv2d($0["x"]!, $0["w"]!, bias: $0["b"]!, stride: 2, padding: 1) }
        check("conv2d_s1_p2") { conv2d($0["x"]!, $0["w"]!, bias: $0["b"]!, stride: 1, padding: 2) }
    }

    func testConvTranspose2d() {
        check("conv_transpose2d_s2_p1") { convTranspose2d($0["x"]!, $0["w"]!, bias: $0["b"]!, stride: 2, padding: 1) }
        check("conv_transpose2d_s1_p0") { convTranspose2d($0["x"]!, $0["w"]!, bias: $0["b"]!, stride: 1, padding: 0) }
    }

    func testLinear() { check("linear") { linear($0["x"]!, $0["w"]!, $0["b"]!) } }

    func testBatchNormTrainingAndRunningStatistics() {
        for (name, c) in [("batch_norm_4d", 2), ("batch_norm_2d", 3)] {
            let rm = Tensor.zeros([c]), rv = Tensor.ones([c])
            check(name, extra: { ["running_mean": rm, "running_var": rv] }) {
                batchNorm($0["x"]!, runningMean: rm, runningVar: rv, weight: $0["g"]!, bias: $0["b"]!, training: true)
            }
        }
    }

    func testPooling() {
        check("max_pool2d_k2") { maxPool2d($0["x"]!, kernel: 2) }
        check("avg_pool2d_k3_s2") { avgPool2d($0["x"]!, kernel: 3, stride: 2) }
    }

    func testActivationsAndLogSoftmax() {
        check("log_softmax") { $0["x"]!.logSoftmax() }
        check("elu") { $0["x"]!.elu(0.7) }
        check("softplus") { $0["x"]!.softplus() }
        check("leaky_relu") { $0["x"]!.leakyRelu(0.1) }
        check("sigmoid") { $0["x"]!.sigmoid() }
    }

    func testCrossEntropy() {
        let labels = Self.cases["cross_entropy"]?.labels ?? []
        check("cross_entropy") { crossEntropy($0["x"]!, labels) }
    }
}
