import Datasets
import Foundation
import TestSupport
import XCTest
@testable import Pipeline

/// A dataset file or warm-start generator is fingerprinted when the stages are planned;
/// a stage whose file changed before it ran stops instead of storing what it read under
/// the key of the planned content.
final class PlannedFilesTests: XCTestCase {
    func context(_ folder: URL) -> StageContext {
        StageContext(stageName: "t/data", seed: 0, inputs: [:], progress: ProgressReporter(mode: .quiet, sink: { _ in }),
                     threads: 1, workingFolder: folder)
    }

    func testADatasetFileChangedSincePlanningIsRefused() throws {
        let folder = try temporaryFolder()
        let images = folder.appendingPathComponent("digits.idx")
        try Data("planned".utf8).write(to: images)
        let planned = try FileFingerprint.of(images)
        try Data("edited".utf8).write(to: images)
        var dataset = DatasetConfig(kind: .idx)
        dataset.images = "digits.idx"
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        XCTAssertThrowsError(try DataStage.run(DataSection(dataset: dataset, files: ["digits.idx": planned]),
                                               context: context(folder), outputDir: out)) { error in
            XCTAssertEqual("\(error)", "cannot read \(images.path): changed since the stage was planned; rerun the command")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
    }

    func testAWarmStartChangedSincePlanningIsRefused() throws {
        let folder = try temporaryFolder()
        let initial = folder.appendingPathComponent("init.safetensors")
        try Data("edited".utf8).write(to: initial)
        var generator = GeneratorConfig()
        generator.train = GANTrainConfig()
        generator.train?.initialGenerator = initial.path
        let section = GeneratorSection(generator: generator, checkpointSHA256: nil, initSHA256: SHA256.hash("planned"))
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try GeneratorArtifact.writeJSON(DataStage.DatasetRecord(dataset: DatasetConfig(kind: .sprites, count: 8), seed: 1),
                                        to: data.appendingPathComponent("dataset.json"))
        let context = StageContext(stageName: "t/generator", seed: 0, inputs: ["t/data": data],
                                   progress: ProgressReporter(mode: .quiet, sink: { _ in }), threads: 1, workingFolder: folder)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        XCTAssertThrowsError(try GeneratorStage.run(section, context: context, outputDir: out)) { error in
            XCTAssertEqual("\(error)", "cannot read \(initial.path): changed since the stage was planned; rerun the command")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
    }
}
