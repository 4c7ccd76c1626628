import Foundation
import TestSupport
import XCTest
import Tensor
@testable import NN

final class SafetensorsTests: XCTestCase {
    private let badFile = "bad.safetensors"

    /// Builds a file from a header string and data bytes.
    private func file(header: String, data: [UInt8] = [], lengthOverride: UInt64? = nil) -> Data {
        let h = Array(header.utf8)
        let n = lengthOverride ?? UInt64(h.count)
        var out = (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * UInt64($0))) }
        out += h + data
        return Data(out)
    }

    private func assertThrows(_ data: Data, _ expected: SafetensorsError, line: UInt = #line) {
        XCTAssertThrowsError(try SafetensorsFile.decode(data, file: badFile), line: line) { error in
            XCTAssertEqual(error as? SafetensorsError, expected, line: line)
            XCTAssertTrue("\(error)".contains(badFile), "message names the file: \(error)", line: line)
        }
    }

    func testRoundTripIsExactAndHeaderPadded() throws {
        let original = SafetensorsFile(
            tensors: ["main.0.weight": StoredTensor(shape: [2, 3], values: [1, -2, 3.5, .pi, 0, -0.0]),
                      "scalar": StoredTensor(shape: [], values: [7]),
                      "name \"quoted\"": StoredTensor(shape: [1], values: [1e-30])],
            metadata: ["arch": "dcgan32", "note": "a\nb"])
        let bytes = original.encode()
        let headerLength = bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        XCTAssertEqual(headerLength % 8, 0)
        XCTAssertEqual(try SafetensorsFile.decode(bytes, file: badFile), original)
    }

    func testWriteIsAtomicAndReadable() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("m.safetensors")
        let a = SafetensorsFile(tensors: ["w": StoredTensor(shape: [2], values: [1, 2])])
        try a.write(to: url)
        let b = SafetensorsFile(tensors: ["w": StoredTensor(shape: [3], values: [3, 4, 5])])
        try b.write(to: url)   // overwrite
        XCTAssertEqual(try SafetensorsFile.read(from: url), b)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["m.safetensors"])
        XCTAssertThrowsError(try a.write(to: folder.appendingPathComponent("no/such/dir/m.safetensors"))) {
            guard case .writeFailed = $0 as? SafetensorsError else { return XCTFail("\($0)") }
        }
    }

    /// The same values written by PyTorch as F32, F64, F16 and BF16 read back equal.
    func testReadsPyTorchDtypes() throws {
        let f = try fixture("dtypes")
        let f32 = try f.get("f32")
        XCTAssertEqual(f32.shape, [2, 4])
        XCTAssertEqual(f32.values[2], -2.5)
        for dtype in ["f64", "f16", "bf16"] {
            XCTAssertEqual(try f.get(dtype), f32, dtype)
        }
    }

    func testHalfConversionEdgeCases() {
        XCTAssertEqual(SafetensorsFile.halfToFloat(0x3c00), 1)
        XCTAssertEqual(SafetensorsFile.halfToFloat(0xc000), -2)
        XCTAssertEqual(SafetensorsFile.halfToFloat(0x0001), Float(pow(2.0, -24.0)))   // smallest subnormal
        XCTAssertEqual(SafetensorsFile.halfToFloat(0x7bff), 65504)
        XCTAssertEqual(SafetensorsFile.halfToFloat(0x7c00), .infinity)
        XCTAssertTrue(SafetensorsFile.halfToFloat(0x7e00).isNaN)
    }

    func testTruncatedFile() {
        assertThrows(Data([1, 0, 0]), .truncated(file: badFile, size: 3))
    }

    func testHeaderLengthPastEnd() {
        assertThrows(file(header: "{}", lengthOverride: 1000), .headerPastEnd(file: badFile, headerLength: 1000, fileSize: 10))
    }

    func testMalformedJSON() {
        XCTAssertThrowsError(try SafetensorsFile.decode(file(header: "{\"a\": [1,"), file: badFile)) {
            guard case .malformedHeader(let f, _) = $0 as? SafetensorsError else { return XCTFail("\($0)") }
            XCTAssertEqual(f, badFile)
        }
        XCTAssertThrowsError(try SafetensorsFile.decode(file(header: "{\"a\": {\"dtype\": \"F32\"}}"), file: badFile)) {
            guard case .malformedHeader(_, let reason) = $0 as? SafetensorsError else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains("'a'"))
        }
    }

    func testOffsetsOutOfRange() {
        let header = #"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#
        assertThrows(file(header: header, data: [0, 0, 0, 0]),
                     .offsetsOutOfRange(file: badFile, tensor: "w", begin: 0, end: 8, dataSize: 4))
        let backwards = #"{"w": {"dtype": "F32", "shape": [0], "data_offsets": [4, 0]}}"#
        assertThrows(file(header: backwards, data: [0, 0, 0, 0]),
                     .offsetsOutOfRange(file: badFile, tensor: "w", begin: 4, end: 0, dataSize: 4))
    }

    func testOverlappingOffsets() {
        let header = #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}"#
        assertThrows(file(header: header, data: [UInt8](repeating: 0, count: 12)),
                     .overlappingOffsets(file: badFile, tensor: "b", other: "a"))
    }

    func testUnknownDtype() {
        let header = #"{"w": {"dtype": "C64", "shape": [1], "data_offsets": [0, 8]}}"#
        assertThrows(file(header: header, data: [UInt8](repeating: 0, count: 8)),
                     .unknownDtype(file: badFile, tensor: "w", dtype: "C64"))
    }

    func testShapeByteCountMismatch() {
        let header = #"{"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#
        assertThrows(file(header: header, data: [UInt8](repeating: 0, count: 8)),
                     .byteCountMismatch(file: badFile, tensor: "w", shape: [3], dtype: "F32", bytes: 8))
    }

    func testShapeWhoseProductOverflowsIsAByteCountMismatch() {
        // Each dimension passes the per-dimension bound; their product does not fit an Int.
        let header = #"{"w": {"dtype": "F32", "shape": [100000000000000, 100000000000000], "data_offsets": [0, 8]}}"#
        assertThrows(file(header: header, data: [UInt8](repeating: 0, count: 8)),
                     .byteCountMismatch(file: badFile, tensor: "w", shape: [100000000000000, 100000000000000], dtype: "F32", bytes: 8))
    }
}
