import XCTest
@testable import Render

final class GridTests: XCTestCase {
    func solid(_ c: RGB, _ w: Int = 4, _ h: Int = 4) -> PixelImage { PixelImage(width: w, height: h, color: c) }

    func testUpscaleIsNearestNeighbour() throws {
        let img = try PixelImage(width: 2, height: 1, channels: 1, pixels: [0, 1])
        let up = img.upscaled(3)
        XCTAssertEqual(up.width, 6); XCTAssertEqual(up.height, 3)
        XCTAssertEqual(up.pixels, [0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1])
    }

    func testGridGeometryAndPlacement() throws {
        var c = GridComposer(scale: 2, gap: 3)
        c.margin = 1
        let grid = try c.compose([[solid(.black), solid(.white)], [nil, solid(RGB(1, 0, 0))]])
        // 2 columns of 8 px, one gap of 3, margins of 1.
        XCTAssertEqual(grid.width, 1 + 8 + 3 + 8 + 1)
        XCTAssertEqual(grid.height, 1 + 8 + 3 + 8 + 1)
        XCTAssertEqual(grid.rgb(1, 1), .black)
        XCTAssertEqual(grid.rgb(1 + 8 + 3 + 7, 1 + 8 + 3 + 7), RGB(1, 0, 0))
        XCTAssertEqual(grid.rgb(1 + 8 + 1, 1), .white) // gap is background
    }

    func testLabelsAddSpaceAndInk() throws {
        let plain = try GridComposer().compose([[solid(.white)]])
        let labelled = try GridComposer().compose([[solid(.white)]], rowLabels: ["row"], columnLabels: ["t=0"])
        XCTAssertGreaterThan(labelled.width, plain.width)
        XCTAssertGreaterThan(labelled.height, plain.height)
        XCTAssertTrue(labelled.pixels.contains { $0 < 0.5 }, "label text drew no dark pixel")
    }

    func testHighlightFrameIsDrawnAroundCell() throws {
        var c = GridComposer(scale: 1, gap: 4)
        c.margin = 4
        let grid = try c.compose([[solid(.white)]], highlights: [.init(row: 0, column: 0, color: .highlight)])
        XCTAssertEqual(grid.rgb(4 - 1, 4 - 1), .highlight)
        XCTAssertEqual(grid.rgb(4 + 1, 4 + 1), .white)
    }

    func testMixedSizesAreRejected() {
        XCTAssertThrowsError(try GridComposer().compose([[solid(.white), solid(.white, 5, 5)]]))
        XCTAssertThrowsError(try GridComposer().compose([[nil]]))
    }

    func testFontDrawsEveryPrintableCharacterWithinItsCell() {
        var img = PixelImage(width: 200, height: 10, color: .white)
        BitmapFont.draw("Ag|~", into: &img, x: 0, y: 0)
        XCTAssertEqual(BitmapFont.width("Ag|~"), 23)
        for ch in 32...126 where ch != 32 {
            var one = PixelImage(width: 6, height: 8, color: .white)
            BitmapFont.draw(String(UnicodeScalar(UInt8(ch))), into: &one, x: 0, y: 0)
            XCTAssertTrue(one.pixels.contains { $0 < 0.5 }, "glyph \(ch) is empty")
        }
    }

    func testTraversalStripFramesZeroColumn() throws {
        let rows = [[solid(.black), solid(.black), solid(.black)]]
        var c = GridComposer(scale: 1, gap: 4)
        c.margin = 4
        let plain = try c.compose(rows.map { $0.map(Optional.some) }, columnLabels: ["a", "b", "c"])
        let strip = try Figures.traversalStrip(rows, t: [-1, 0, 1], composer: c)
        XCTAssertEqual(strip.width, plain.width)
        XCTAssertThrowsError(try Figures.traversalStrip(rows, t: [-1, 1]))
    }

    func testCommutativityGridHasOriginalEditsUndosOriginalAndDifference() throws {
        let o = solid(.white)
        let row = Figures.CommutativityRow(label: "V,B,S", forward: [solid(.black), solid(.black), solid(.black)],
                                           undone: [solid(.black), solid(.black), solid(RGB(0.75, 0.75, 0.75))])
        var c = GridComposer(scale: 1, gap: 2)
        c.margin = 0
        let grid = try Figures.commutativityGrid(original: o, rows: [row, row], editLabels: ["V", "B", "S"], composer: c)
        // 9 columns: O + 3 edits + 3 undos + O + diff.
        let labelH = BitmapFont.glyphHeight + 2 + 2
        XCTAssertEqual(grid.width, BitmapFont.width("V,B,S") + 2 + 2 + 9 * 4 + 8 * 2)
        XCTAssertEqual(grid.height, labelH + 2 * 4 + 2)
        // The difference |0.75 - 1| x 4 = 1 in the last cell.
        let x = grid.width - 2, y = labelH + 1
        XCTAssertEqual(grid.rgb(x, y).r, 1, accuracy: 1e-6)
    }
}
