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

/// An executable older than its checkout's code is named `-stale-build`: `sourceChanged` finds
/// the file that changed after the build, in `Sources/` or `Package.swift`, and nothing when
/// the build is newer than every one of them.
final class StaleBuildTests: XCTestCase {
    func testASourceOrPackageChangedAfterTheBuildIsFound() throws {
        let checkout = try temporaryFolder()
        let files = FileManager.default
        let source = checkout.appendingPathComponent("Sources/Tensor/Tensor.swift")
        let package = checkout.appendingPathComponent("Package.swift")
        let executable = checkout.appendingPathComponent(".build/release/curvilinear")
        for url in [source, package, executable] {
            try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        func date(_ url: URL, _ seconds: TimeInterval) throws {
            try files.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: url.path)
        }
        try date(source, 1_000); try date(package, 1_000); try date(executable, 2_000)
        XCTAssertNil(CodeVersion.sourceChanged(in: checkout, afterBuildOf: executable), "built after every source")

        try date(source, 3_000)
        XCTAssertEqual(CodeVersion.sourceChanged(in: checkout, afterBuildOf: executable)?.lastPathComponent, "Tensor.swift")

        try date(source, 1_000); try date(package, 3_000)
        XCTAssertEqual(CodeVersion.sourceChanged(in: checkout, afterBuildOf: executable)?.lastPathComponent, "Package.swift")

        // A rebuild that recompiled the package file into the same objects did not relink the
        // executable, but it wrote the module's dependency file: that is the build's date.
        let dependencies = checkout.appendingPathComponent(".build/release/Tensor.build/Tensor.d")
        try files.createDirectory(at: dependencies.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: dependencies)
        try date(dependencies, 4_000)
        XCTAssertNil(CodeVersion.sourceChanged(in: checkout, afterBuildOf: executable), "rebuilt at 4,000 without relinking")

        XCTAssertNil(CodeVersion.sourceChanged(in: checkout, afterBuildOf: checkout.appendingPathComponent("missing")),
                     "no date to compare with")
    }
}
