import Foundation
import TestSupport
import XCTest
@testable import Pipeline

/// The code version comes from the checkout above the running executable, wherever the
/// command is run from.
final class CodeVersionTests: XCTestCase {
    func testTheCheckoutIsFoundAboveAFileInsideIt() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let inside = repository.appendingPathComponent(".build/release/curvilinear")
        XCTAssertEqual(CodeVersion.checkout(containing: inside)?.standardizedFileURL.path, repository.standardizedFileURL.path)
        XCTAssertNil(CodeVersion.checkout(containing: try temporaryFolder().appendingPathComponent("curvilinear")),
                     "no checkout above a temporary folder")
        XCTAssertNil(CodeVersion.checkout(containing: nil))
    }
}
