import XCTest
@testable import Editors

final class EditorsModuleTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true) // placeholder until the module's own tests land
    }
}
