import Foundation
import TestSupport
import XCTest
@testable import Datasets

final class SHA256Tests: XCTestCase {
    // FIPS 180-4 / NIST example vectors.
    func testStandardVectors() {
        XCTAssertEqual(SHA256.hash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hash(String(repeating: "a", count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testStreamingInPiecesEqualsOneShot() {
        let data = Data((0 ..< 1000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        for split in [0, 1, 55, 56, 63, 64, 65, 500, 999] {
            var hasher = SHA256()
            hasher.update(data.prefix(split))
            hasher.update(data.dropFirst(split))
            XCTAssertEqual(SHA256.hex(hasher.finalize()), SHA256.hash(data), "split at \(split)")
        }
        var bytewise = SHA256()
        bytewise.update(Array(data))
        XCTAssertEqual(SHA256.hex(bytewise.finalize()), SHA256.hash(data))
    }

    func testHashOfFile() throws {
        let url = try temporaryFolder().appendingPathComponent("abc")
        try Data("abc".utf8).write(to: url)
        XCTAssertEqual(try SHA256.hash(fileAt: url), SHA256.hash("abc"))
    }
}
