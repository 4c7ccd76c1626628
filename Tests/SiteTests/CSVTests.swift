import XCTest
@testable import Site

final class CSVTests: XCTestCase {
    func testCSVQuotesOnlyWhatNeedsQuoting() {
        let t = CSVTable(header: ["a", "b"], rows: [["1", "x,y"], ["say \"hi\"", "line\nbreak"]])
        XCTAssertEqual(t.text, "a,b\n1,\"x,y\"\n\"say \"\"hi\"\"\",\"line\nbreak\"\n")
    }

    func testNumberFormattingIsLocaleFreeAndHasNoNegativeZero() {
        XCTAssertEqual(Fmt.num(-0.04), "0.0")
        XCTAssertEqual(Fmt.num(12.345, 2), "12.35")
        XCTAssertEqual(Fmt.num(.nan), "n/a")
        XCTAssertEqual(Fmt.ci([1, 2.26]), "[1.0, 2.3]")
        XCTAssertEqual(Fmt.ci(nil), "")
    }
}
