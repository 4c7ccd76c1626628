import Foundation
import XCTest
import Tensor
@testable import NN

/// Reads a committed fixture made by reference/make_fixtures.py.
func fixture(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> SafetensorsFile {
    guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        XCTFail("Fixtures folder missing from the test bundle", file: file, line: line)
        throw SafetensorsError.unreadable(file: "Fixtures", reason: "not in bundle")
    }
    return try SafetensorsFile.read(from: folder.appendingPathComponent(name + ".safetensors"))
}

extension SafetensorsFile {
    /// The named tensor, failing the test if absent.
    func get(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> StoredTensor {
        guard let t = tensors[name] else {
            XCTFail("fixture has no tensor '\(name)'", file: file, line: line)
            throw SafetensorsError.missingTensor(file: "fixture", tensor: name)
        }
        return t
    }
}

/// |a - b| <= atol + rtol |b| elementwise, with the same shape; reports the worst element.
func assertClose(_ a: StoredTensor, _ b: StoredTensor, rtol: Float = 1e-4, atol: Float = 1e-5,
                 _ what: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.shape, b.shape, "\(what): shape", file: file, line: line)
    guard a.values.count == b.values.count else {
        XCTFail("\(what): \(a.values.count) vs \(b.values.count) values", file: file, line: line)
        return
    }
    var worst = 0
    var worstExcess: Float = -.infinity
    for i in a.values.indices {
        let excess = abs(a.values[i] - b.values[i]) - (atol + rtol * abs(b.values[i]))
        if !(excess <= worstExcess) || excess.isNaN { worstExcess = excess.isNaN ? .infinity : excess; worst = i }
    }
    if a.values.isEmpty { return }
    XCTAssertLessThanOrEqual(worstExcess, 0,
                             "\(what): element \(worst): \(a.values[worst]) vs expected \(b.values[worst])",
                             file: file, line: line)
}

/// Runs one fixture case of make_fixtures.py's `layer_case`: loads the layer's state from
/// `prefix + name`, checks the output, the input gradient, every parameter gradient and
/// the buffers after the forward (`after.` names, unchanged when absent).
func checkLayerCase(_ layer: any Layer, _ f: SafetensorsFile, prefix: String = "",
                    file: StaticString = #filePath, line: UInt = #line) throws {
    var state = SafetensorsFile()
    for name in layer.stateDict().keys { state.tensors[name] = try f.get(prefix + name, file: file, line: line) }
    try layer.load(state)
    let x = try f.get(prefix + "input").tensor(requiresGrad: true)
    let out = layer(x)
    assertClose(StoredTensor(out), try f.get(prefix + "output"), "\(prefix)output", file: file, line: line)
    out.backward(try f.get(prefix + "grad_output").tensor())
    guard let gx = x.grad else { return XCTFail("\(prefix): no input gradient", file: file, line: line) }
    assertClose(StoredTensor(gx), try f.get(prefix + "grad.input"), "\(prefix)grad.input", file: file, line: line)
    for (name, p) in layer.namedParameters() {
        guard let g = p.grad else { XCTFail("\(prefix)\(name): no gradient", file: file, line: line); continue }
        assertClose(StoredTensor(g), try f.get(prefix + "grad." + name), "\(prefix)grad.\(name)", file: file, line: line)
    }
    for (name, b) in layer.namedBuffers() {
        let expected = try f.tensors[prefix + "after." + name] ?? f.get(prefix + name)
        assertClose(StoredTensor(b), expected, "\(prefix)buffer \(name)", file: file, line: line)
    }
}

/// Central finite differences of the scalar `loss()` with respect to every element of
/// `parameter`, compared with its autodiff gradient `analytic`. Float32: step 1e-2 and a
/// loose tolerance; the point is to catch wrong formulas, not rounding.
func assertGradientMatchesFiniteDifferences(_ parameter: Tensor, analytic: Tensor, loss: () -> Float,
                                            step: Float = 1e-2, tolerance: Float = 2e-2,
                                            _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    let g = analytic.scalars
    var numeric = [Float](repeating: 0, count: parameter.count)
    for i in 0..<parameter.count {
        let original = parameter.scalars[i]
        parameter.withUnsafeMutableBufferPointer { $0[i] = original + step }
        let plus = loss()
        parameter.withUnsafeMutableBufferPointer { $0[i] = original - step }
        let minus = loss()
        parameter.withUnsafeMutableBufferPointer { $0[i] = original }
        numeric[i] = (plus - minus) / (2 * step)
    }
    // Per element, relative to the element itself plus a small share of the largest one (float32
    // central differences carry an absolute error of about eps |loss| / step): a small gradient
    // that is wholly wrong fails here, where 2% of the largest let it pass.
    let scale = max(numeric.map(abs).max() ?? 0, 1e-3)
    for i in 0..<numeric.count {
        XCTAssertLessThanOrEqual(abs(g[i] - numeric[i]), tolerance * abs(numeric[i]) + 2e-3 * scale,
                                 "\(what)[\(i)]: autodiff \(g[i]) vs finite differences \(numeric[i])",
                                 file: file, line: line)
    }
}
