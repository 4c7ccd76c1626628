import XCTest
@testable import Site

final class SiteModuleTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true) // placeholder until the module's own tests land
    }
}
