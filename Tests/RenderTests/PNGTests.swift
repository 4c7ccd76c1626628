import Foundation
import TestSupport
import XCTest
@testable import Render

final class PNGTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws { dir = try temporaryFolder() }

    /// Values on the 8-bit grid survive a round trip exactly.
    func roundTrip(channels: Int) throws {
        var rng = SystemRandomNumberGenerator()
        let w = 7, h = 5
        let px = (0..<(w * h * channels)).map { _ in Float(Int.random(in: 0...255, using: &rng)) / 255 }
        let img = try PixelImage(width: w, height: h, channels: channels, pixels: px)
        let url = dir.appendingPathComponent("rt\(channels).png")
        try PNG.write(img, to: url)
        let back = try PNG.read(url)
        XCTAssertEqual(back.width, w); XCTAssertEqual(back.height, h); XCTAssertEqual(back.channels, channels)
        for (a, b) in zip(back.pixels, img.pixels) { XCTAssertEqual(a, b, accuracy: 1e-6) }
    }

    func testRoundTripGrey() throws { try roundTrip(channels: 1) }
    func testRoundTripRGB() throws { try roundTrip(channels: 3) }
    func testRoundTripRGBA() throws { try roundTrip(channels: 4) }

    func testMinusOneToOneMapsToFullRange() throws {
        let img = try PixelImage(width: 3, height: 1, channels: 1, pixels: [-1, 0, 1], range: .minusOneToOne)
        let back = try PNG.decode(PNG.encode(img))
        XCTAssertEqual(back.pixels[0], 0); XCTAssertEqual(back.pixels[1], 128 / 255, accuracy: 1e-6); XCTAssertEqual(back.pixels[2], 1)
    }

    func testOutOfRangeValuesAreClamped() throws {
        let img = try PixelImage(width: 2, height: 1, channels: 1, pixels: [-3, 7])
        XCTAssertEqual(img.pixels, [0, 1])
    }

    func testBadBufferIsTypedError() {
        XCTAssertThrowsError(try PixelImage(width: 2, height: 2, channels: 3, pixels: [0, 0])) { e in
            XCTAssertTrue("\(e)".contains("4 values") == false && "\(e)".contains("2 values"))
        }
        XCTAssertThrowsError(try PixelImage(width: 2, height: 2, channels: 2, pixels: [Float](repeating: 0, count: 8)))
    }

    func testMissingFileNamesPath() {
        let url = dir.appendingPathComponent("nope.png")
        XCTAssertThrowsError(try PNG.read(url)) { e in
            XCTAssertEqual(e as? RenderError, .fileMissing(path: url.path))
            XCTAssertTrue("\(e)".contains(url.path))
        }
    }

    func testNotAPNGNamesPath() throws {
        let url = dir.appendingPathComponent("fake.png")
        try Data("hello, not a png".utf8).write(to: url)
        XCTAssertThrowsError(try PNG.read(url)) { e in
            guard case .notPNG(let p, _)? = e as? RenderError else { return XCTFail("\(e)") }
            XCTAssertEqual(p, url.path)
        }
    }

    func testTruncatedPNGIsTypedError() throws {
        let img = try PixelImage(width: 16, height: 16, channels: 3, pixels: [Float](repeating: 0.5, count: 768))
        let data = try PNG.encode(img)
        let url = dir.appendingPathComponent("cut.png")
        try data.prefix(data.count / 2).write(to: url)
        XCTAssertThrowsError(try PNG.read(url)) { e in
            guard case .notPNG(let p, _)? = e as? RenderError else { return XCTFail("\(e)") }
            XCTAssertEqual(p, url.path)
        }
    }

    func testWriteIntoMissingFolderFailsWithPathAndLeavesNothing() throws {
        let url = dir.appendingPathComponent("no/such/dir/x.png")
        let img = PixelImage(width: 2, height: 2, color: .white)
        XCTAssertThrowsError(try PNG.write(img, to: url)) { e in XCTAssertTrue("\(e)".contains(url.path)) }
    }

    func testAtomicOverwriteLeavesOnlyTheFile() throws {
        let url = dir.appendingPathComponent("a.png")
        try PNG.write(PixelImage(width: 2, height: 2, color: .white), to: url)
        try PNG.write(PixelImage(width: 3, height: 3, color: .black), to: url)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["a.png"])
        XCTAssertEqual(try PNG.read(url).width, 3)
    }
}
