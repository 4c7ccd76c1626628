import XCTest
@testable import Evaluation

final class EvaluationModuleTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true) // placeholder until the module's own tests land
    }
}
