import XCTest
@testable import Generators

final class GeneratorsModuleTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true) // placeholder until the module's own tests land
    }
}
