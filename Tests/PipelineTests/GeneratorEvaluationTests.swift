import Datasets
import Foundation
import TestSupport
import XCTest
@testable import Pipeline

/// The real halves the generator's quality figures compare with: a file-backed set too small
/// for a Frechet distance (two images per side) is refused by name instead of trapping.
final class GeneratorEvaluationTests: XCTestCase {
    func testAnIDXSetOfThreeImagesIsRefusedByName() throws {
        let folder = try temporaryFolder()
        let images = folder.appendingPathComponent("three-idx3-ubyte")
        try IDX.write(IDX.encode(IDXImages(count: 3, rows: 28, columns: 28, pixels: [UInt8](repeating: 7, count: 3 * 784))), to: images)
        let dataset = DatasetConfig(kind: .idx, images: images.path)
        XCTAssertThrowsError(try GeneratorEvaluation.realHalves(of: dataset, dataSeed: 0, count: 10)) { error in
            XCTAssertEqual(error as? PipelineError, .readFailed(path: images.path,
                                                                reason: "holds 3 images; the generator's quality figures need at least 4"))
        }
        try IDX.write(IDX.encode(IDXImages(count: 4, rows: 28, columns: 28, pixels: [UInt8](repeating: 7, count: 4 * 784))), to: images)
        let (real, holdout) = try GeneratorEvaluation.realHalves(of: dataset, dataSeed: 0, count: 10)
        XCTAssertEqual([real.count, holdout.count], [2, 2])
    }
}
