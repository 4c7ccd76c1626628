import Foundation
import XCTest

extension XCTestCase {
    /// A fresh empty folder under the system temporary folder, removed when the test ends.
    ///
    /// The name, `curvilinear-tests-<TestClass>-<UUID>`, says which test class left a folder
    /// behind if one ever survives (a crashed run), and the UUID keeps parallel runs apart.
    /// Removal is a teardown block so that it happens however the test ends: passed,
    /// failed, thrown or skipped. A test that needs a path that does not exist yet uses
    /// one inside this folder, so that it is removed too.
    public func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("curvilinear-tests-\(type(of: self))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
