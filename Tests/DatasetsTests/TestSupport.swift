import Foundation
import XCTest
@testable import Datasets

enum Fixtures {
    static func url(_ name: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
                      "missing fixture \(name)")
    }
    static var digitImages: URL { get throws { try url("digits-images-idx3-ubyte.gz") } }
    static var digitLabels: URL { get throws { try url("digits-labels-idx1-ubyte.gz") } }
}

/// Asserts that `body` throws exactly `expected`, and that its message is one line.
func assertThrows<E: Error & Equatable & CustomStringConvertible, T>(
    _ expected: E, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T
) {
    do {
        _ = try body()
        XCTFail("expected \(expected)", file: file, line: line)
    } catch let error as E {
        XCTAssertEqual(error, expected, file: file, line: line)
        XCTAssertFalse(error.description.contains("\n"), "message must be one line", file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}
