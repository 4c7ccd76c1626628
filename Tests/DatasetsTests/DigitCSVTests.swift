import Foundation
import XCTest
@testable import Datasets

final class DigitCSVTests: XCTestCase {
    private func row(_ label: Int, _ fill: Int) -> String {
        ([label] + [Int](repeating: fill, count: 784)).map(String.init).joined(separator: ",")
    }

    func testParsesHeaderAndRows() throws {
        let header = "label," + (1 ... 784).map { "p\($0)" }.joined(separator: ",")
        let csv = [header, row(7, 0), row(2, 255) + "\r", ""].joined(separator: "\n")
        let (images, labels) = try DigitCSV.parse(Data(csv.utf8))
        XCTAssertEqual(labels, [7, 2])
        XCTAssertEqual([images.count, images.rows, images.columns], [2, 28, 28])
        XCTAssertEqual(images.pixels[0], 0)
        XCTAssertEqual(images.pixels[784], 255)
    }

    func testLabelLastWithoutHeaderOrFinalNewline() throws {
        let pixels = (0 ..< 784).map { String($0 % 256) }.joined(separator: ",")
        let (images, labels) = try DigitCSV.parse(Data((pixels + ",5").utf8),
                                                  format: DigitCSVFormat(hasHeader: false, labelColumn: .last))
        XCTAssertEqual(labels, [5])
        XCTAssertEqual(images.pixels[300], UInt8(300 % 256))
    }

    func testBadRows() {
        let header = "label,x\n"
        assertThrows(DigitCSVError.badRow(source: "t.csv", line: 2, reason: "3 fields, expected 785")) {
            try DigitCSV.parse(Data((header + "1,2,3\n").utf8), source: "t.csv")
        }
        assertThrows(DigitCSVError.badRow(source: "t.csv", line: 3, reason: "value 256 above 255")) {
            try DigitCSV.parse(Data((header + row(1, 0) + "\n" + row(1, 256) + "\n").utf8), source: "t.csv")
        }
        assertThrows(DigitCSVError.badRow(source: "t.csv", line: 2, reason: "unexpected character 'x'")) {
            try DigitCSV.parse(Data((header + "x,1\n").utf8), source: "t.csv")
        }
        assertThrows(DigitCSVError.empty(source: "t.csv")) {
            try DigitCSV.parse(Data(header.utf8), source: "t.csv")
        }
    }
}
