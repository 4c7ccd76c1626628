import Foundation
import TestSupport
import XCTest
@testable import Datasets

final class IDXTests: XCTestCase {
    func testReadsTheRealDigitFixture() throws {
        let images = try IDX.readImages(at: Fixtures.digitImages)
        let labels = try IDX.readLabels(at: Fixtures.digitLabels)
        XCTAssertEqual([images.count, images.rows, images.columns], [300, 28, 28])
        XCTAssertEqual(labels.count, 300)
        for digit in 0 ..< 10 { XCTAssertEqual(labels.filter { $0 == digit }.count, 30) }
        // Real digits: a black frame and a fair amount of ink.
        let inkFraction = Double(images.pixels.filter { $0 > 127 }.count) / Double(images.pixels.count)
        XCTAssert(inkFraction > 0.08 && inkFraction < 0.25, "ink fraction \(inkFraction)")
        XCTAssertEqual(images.pixels[0 ..< 28].max(), 0)
    }

    func testLoadPadsTo32AndScalesToMinusOneOne() throws {
        let set = try DigitImages.load(images: Fixtures.digitImages, labels: Fixtures.digitLabels)
        XCTAssertEqual(set.images.shape, [300, 1, 32, 32])
        let raw = try IDX.readImages(at: Fixtures.digitImages)
        let first = set.images.image(at: 0)
        for y in 0 ..< 32 {
            for x in 0 ..< 32 {
                let inside = (2 ..< 30).contains(y) && (2 ..< 30).contains(x)
                let expected: Float = inside ? Float(raw.pixels[(y - 2) * 28 + (x - 2)]) / 127.5 - 1 : -1
                XCTAssertEqual(first[0, y, x], expected, accuracy: 1e-6)
            }
        }
        XCTAssertEqual(set.labels[0], 0)
        XCTAssertEqual(set.labels[299], 9)
        let unlabelled = try DigitImages.load(images: Fixtures.digitImages, labels: nil)
        XCTAssertEqual(unlabelled.labels, [Int](repeating: 0, count: 300))
    }

    func testWriteReadRoundTripPlainAndGzip() throws {
        let folder = try temporaryFolder()
        let images = IDXImages(count: 2, rows: 3, columns: 2, pixels: [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255])
        for name in ["x-images.idx", "x-images.idx.gz"] {
            try IDX.write(IDX.encode(images), to: folder.appendingPathComponent(name))
            XCTAssertEqual(try IDX.readImages(at: folder.appendingPathComponent(name)), images)
        }
        try IDX.write(IDX.encode(labels: [3, 1, 4]), to: folder.appendingPathComponent("l.gz"))
        XCTAssertEqual(try IDX.readLabels(at: folder.appendingPathComponent("l.gz")), [3, 1, 4])
        // gzip output is reproducible (no name, no time stamp).
        try IDX.write(IDX.encode(labels: [3, 1, 4]), to: folder.appendingPathComponent("m.gz"))
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("l.gz")), try Data(contentsOf: folder.appendingPathComponent("m.gz")))
    }

    func testWrongMagicNumber() throws {
        let labels = try Fixtures.digitLabels
        assertThrows(IDXError.wrongMagic(path: labels.path, found: IDX.labelsMagic, expected: IDX.imagesMagic)) {
            try IDX.readImages(at: labels)
        }
        let folder = try temporaryFolder()
        try Data("hello, not idx".utf8).write(to: folder.appendingPathComponent("text"))
        assertThrows(IDXError.wrongMagic(path: folder.appendingPathComponent("text").path, found: 0x6865_6C6C, expected: IDX.labelsMagic)) {
            try IDX.readLabels(at: folder.appendingPathComponent("text"))
        }
    }

    func testTruncatedFiles() throws {
        let folder = try temporaryFolder()
        let full = IDX.encode(IDXImages(count: 2, rows: 2, columns: 2, pixels: [1, 2, 3, 4, 5, 6, 7, 8]))
        try full.prefix(20).write(to: folder.appendingPathComponent("cut"))
        assertThrows(IDXError.truncated(path: folder.appendingPathComponent("cut").path, expectedBytes: 24, actualBytes: 20)) {
            try IDX.readImages(at: folder.appendingPathComponent("cut"))
        }
        try full.prefix(10).write(to: folder.appendingPathComponent("header"))
        assertThrows(IDXError.truncated(path: folder.appendingPathComponent("header").path, expectedBytes: 16, actualBytes: 10)) {
            try IDX.readImages(at: folder.appendingPathComponent("header"))
        }
        // A corrupt header promising absurd sizes is a truncated file, not a crash.
        var absurd = IDX.encode(IDXImages(count: 0, rows: 0, columns: 0, pixels: []))
        absurd.replaceSubrange(4 ..< 16, with: [UInt8](repeating: 0xFF, count: 12))
        try absurd.write(to: folder.appendingPathComponent("absurd"))
        assertThrows(IDXError.truncated(path: folder.appendingPathComponent("absurd").path, expectedBytes: Int.max, actualBytes: 16)) {
            try IDX.readImages(at: folder.appendingPathComponent("absurd"))
        }
        // No pixels: 2^32 - 1 images of 0x0 pass the length check, so the header is refused.
        var empty = IDX.encode(IDXImages(count: 0, rows: 0, columns: 0, pixels: []))
        empty.replaceSubrange(4 ..< 8, with: [UInt8](repeating: 0xFF, count: 4))
        try empty.write(to: folder.appendingPathComponent("empty"))
        assertThrows(IDXError.noImages(path: folder.appendingPathComponent("empty").path, count: 0xFFFF_FFFF, rows: 0, columns: 0)) {
            try IDX.readImages(at: folder.appendingPathComponent("empty"))
        }
        try IDX.encode(IDXImages(count: 0, rows: 28, columns: 28, pixels: [])).write(to: folder.appendingPathComponent("none"))
        assertThrows(IDXError.noImages(path: folder.appendingPathComponent("none").path, count: 0, rows: 28, columns: 28)) {
            try IDX.readImages(at: folder.appendingPathComponent("none"))
        }
        // A cut-off .gz file: gzip's complaint is passed on.
        let gz = try Data(contentsOf: Fixtures.digitImages)
        try gz.prefix(gz.count / 2).write(to: folder.appendingPathComponent("cut.gz"))
        XCTAssertThrowsError(try IDX.readImages(at: folder.appendingPathComponent("cut.gz"))) { error in
            guard case let IDXError.unreadable(path, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, folder.appendingPathComponent("cut.gz").path)
            XCTAssert(reason.contains("gzip"), reason)
        }
    }

    func testImageLabelCountMismatchAndMissingFile() throws {
        let folder = try temporaryFolder()
        try IDX.write(IDX.encode(labels: [1, 2, 3]), to: folder.appendingPathComponent("labels"))
        let images = try Fixtures.digitImages
        assertThrows(IDXError.countMismatch(images: images.path, imageCount: 300,
                                            labels: folder.appendingPathComponent("labels").path, labelCount: 3)) {
            try DigitImages.load(images: images, labels: folder.appendingPathComponent("labels"))
        }
        assertThrows(IDXError.unreadable(path: folder.appendingPathComponent("none").path, reason: "no such file or not readable")) {
            try IDX.readLabels(at: folder.appendingPathComponent("none"))
        }
        let big = IDXImages(count: 1, rows: 40, columns: 40, pixels: [UInt8](repeating: 0, count: 1600))
        assertThrows(IDXError.tooLarge(path: "big", rows: 40, columns: 40, side: 32)) {
            try DigitImages.batch(big, side: 32, path: "big")
        }
    }
}
