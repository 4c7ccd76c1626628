import Foundation
import Generators
import NN
import XCTest

/// `GeneratorFile.load` reads the architecture from the tensor shapes, so a file whose
/// shapes are not a dcgan32's, or ask for an enormous one, must be refused before any
/// network is built.
final class GeneratorFileTests: XCTestCase {
    let url = URL(fileURLWithPath: "/tmp/g.safetensors")

    func file(first: [Int], last: [Int]?) -> SafetensorsFile {
        var tensors = ["main.0.weight": StoredTensor(shape: first, values: [Float](repeating: 0, count: first.reduce(1, *)))]
        if let last { tensors["main.10.weight"] = StoredTensor(shape: last, values: [Float](repeating: 0, count: last.reduce(1, *))) }
        return SafetensorsFile(tensors: tensors)
    }

    func assertNotDCGAN32(_ f: SafetensorsFile, mentioning text: String, line: UInt = #line) {
        XCTAssertThrowsError(try GeneratorFile.load(f, url: url), line: line) { error in
            guard case let GeneratorFile.LoadError.notDCGAN32(file, reason) = error else {
                return XCTFail("unexpected error \(error)", line: line)
            }
            XCTAssertEqual(file, url.path, line: line)
            XCTAssertTrue(reason.contains(text), "\(reason)", line: line)
        }
    }

    func testMissingFirstLayer() {
        assertNotDCGAN32(SafetensorsFile(), mentioning: "main.0.weight")
    }

    func testLastLayerOfAnotherWidthOrChannelCount() {
        assertNotDCGAN32(file(first: [4 * 64, 2], last: [0, 3, 4, 4]), mentioning: "main.10.weight")
        assertNotDCGAN32(file(first: [4 * 64, 2], last: [4, 2, 4, 4]), mentioning: "C 1 or 3")
        assertNotDCGAN32(file(first: [4 * 64, 2], last: [4, 3, 3, 3]), mentioning: "main.10.weight")
        assertNotDCGAN32(file(first: [4 * 64, 2], last: nil), mentioning: "main.10.weight")
    }

    func testWidthBeyondTheConfigRangeIsRefusedBeforeBuilding() {
        // Width 1024 would build a network of about 0.6 GB of weights from a 0.5 MB header.
        assertNotDCGAN32(file(first: [1024 * 64, 2], last: [1024, 3, 4, 4]), mentioning: "outside 4...512")
    }
}
