import Foundation
import XCTest
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
