import XCTest
@testable import CurvilinearCLI

final class CLIModuleTests: XCTestCase {
    func testHelpNamesTheCommand() {
        XCTAssertTrue(Curvilinear.helpMessage().contains("USAGE: curvilinear"))
    }
}
