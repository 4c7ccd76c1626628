import Foundation
import XCTest
@testable import Pipeline

/// FIPS 180-4 / NIST test vectors, plus lengths around the padding boundaries
/// (values from coreutils sha256sum).
final class SHA256Tests: XCTestCase {
    func testStandardVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionA() {
        XCTAssertEqual(SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testLengthsAroundPaddingBoundaries() {
        let expected = [
            55: "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072",
            56: "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e",
            63: "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2",
            64: "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c",
            65: "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9",
            119: "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c",
            120: "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98",
            128: "24da1b81d0b16df6428eee73c69fcb2a93c76bc6df706f0c6670fe6bfe800464",
        ]
        for (length, digest) in expected {
            XCTAssertEqual(SHA256.hex(String(repeating: "x", count: length)), digest, "length \(length)")
        }
    }

    func testIncrementalUpdatesMatchOneShot() {
        let message = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        var hash = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 3, 200, 604] {
            hash.update(message[offset..<offset + size])
            offset += size
        }
        XCTAssertEqual(offset, message.count)
        XCTAssertEqual(hash.finalizeHex(), SHA256.hex(message))
    }

    func testFileDigestMatchesDataDigest() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("blob")
        let data = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0) })
        try data.write(to: url)
        XCTAssertEqual(try SHA256.hex(fileAt: url), SHA256.hex(data))
    }
}

/// A fresh empty folder under the system temporary folder, removed after the test.
extension XCTestCase {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("curvilinear-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
