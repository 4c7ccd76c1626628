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

    /// A shipped classifier whose report names other options than this code's recipe is
    /// not copied as if it were the recipe's (the stage trains one and says why).
    func testAShippedClassifierOfAnotherRecipeIsNotUsed() throws {
        let recipe = GeneratorEvaluation.classifierRecipe(for: DatasetConfig(kind: .sprites))
        let shipped = IdentityStage.shippedFiles(recipe.name, workingFolder: SiteStageTests.repository)
        XCTAssertTrue(IdentityStage.madeByRecipe(shipped, options: recipe.options))
        let folder = try temporaryFolder()
        let copies = shipped.map { folder.appendingPathComponent($0.lastPathComponent) }
        for (file, copy) in zip(shipped, copies) { try FileManager.default.copyItem(at: file, to: copy) }
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: copies[1])) as? [String: Any])
        var options = try XCTUnwrap(json["options"] as? [String: Any])
        options["seed"] = ((options["seed"] as? Int) ?? 0) + 1
        json["options"] = options
        try JSONSerialization.data(withJSONObject: json).write(to: copies[1])
        XCTAssertFalse(IdentityStage.madeByRecipe(copies, options: recipe.options))
        try Data("{}".utf8).write(to: copies[1])
        XCTAssertFalse(IdentityStage.madeByRecipe(copies, options: recipe.options))
    }
}
