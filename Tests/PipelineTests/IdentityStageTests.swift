import Datasets
import Foundation
import TestSupport
import XCTest
@testable import Pipeline

/// The identity stage copies the shipped classifier it was planned with, from the folder
/// it was planned in (not the process's current folder), and refuses one that changed
/// between planning and running.
final class IdentityStageTests: XCTestCase {
    func testAShippedClassifierThatChangedSincePlanningIsRefused() throws {
        let out = try temporaryFolder()
        let section = IdentitySection(dataset: DatasetConfig(kind: .sprites), classifier: "sprites-shape-lenet",
                                      shippedSHA256: "planned-with-another-file")
        let context = StageContext(stageName: "t/identity", seed: 0, inputs: [:],
                                   progress: ProgressReporter(mode: .quiet, sink: { _ in }), threads: 1,
                                   workingFolder: SiteStageTests.repository)
        XCTAssertThrowsError(try IdentityStage.run(section, context: context, outputDir: out)) { error in
            XCTAssertTrue("\(error)".contains("models/identity/sprites-shape-lenet.safetensors"), "\(error)")
            XCTAssertTrue("\(error)".contains("changed since the stage was planned; rerun the command"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
    }

    func testTheShippedClassifierIsCopiedAndLoads() throws {
        let out = try temporaryFolder()
        let section = try IdentityStage.section(for: DatasetConfig(kind: .sprites), workingFolder: SiteStageTests.repository)
        XCTAssertNotNil(section.shippedSHA256)
        let context = StageContext(stageName: "t/identity", seed: 0, inputs: [:],
                                   progress: ProgressReporter(mode: .quiet, sink: { _ in }), threads: 1,
                                   workingFolder: SiteStageTests.repository)
        try IdentityStage.run(section, context: context, outputDir: out)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["sprites-shape-lenet.json", "sprites-shape-lenet.safetensors"])
        let (_, report) = try GeneratorEvaluation.storedClassifier(for: DatasetConfig(kind: .sprites), folder: out)
        XCTAssertGreaterThan(report.testAccuracy, 0.99)
    }
}
