import Datasets
import Foundation
import NN
import Tensor
import XCTest
@testable import Generators

final class VAETrainerTests: XCTestCase {
    private func options(_ likelihood: VAELikelihood) -> VAETrainingOptions {
        var o = VAETrainingOptions()
        o.steps = 8
        o.batch = 8
        o.width = 4
        o.latentDim = 4
        o.likelihood = likelihood
        o.learningRate = 3e-3
        o.seed = 2
        return o
    }

    func testNegativeELBODecreasesAndDecoderIsAGenerator() throws {
        for likelihood in VAELikelihood.allCases {
            let images = try TrainingImages(SpriteGenerator(seed: 1).sprites(0..<8).labeled.images, seed: 0)
            let trainer = VAETrainer(options: options(likelihood), images: images)
            try trainer.train(checkpointFolder: nil)
            let first = trainer.losses[0], last = trainer.losses[trainer.losses.count - 1]
            XCTAssertLessThan(last.reconstruction + last.kl, first.reconstruction + first.kl, "\(likelihood)")
            let decoder = try trainer.exportedDecoder()
            XCTAssertFalse(decoder.isTraining)
            XCTAssertEqual(decoder.latentDim, 4)
        }
    }

    func testGaussianReconstructionIsHalfSquaredErrorOverSigmaSquared() throws {
        var o = options(.gaussian)
        o.sigma = 0.5
        let trainer = VAETrainer(options: o, images: try TrainingImages(
            ImageBatch(count: 1, channels: 1, height: 32, width: 32, pixels: [Float](repeating: 0, count: 1024)), seed: 0))
        let x = Tensor([1, 0], shape: [1, 2]), mean = Tensor([0, 0], shape: [1, 2])
        // |x - mean|^2 / (2 sigma^2) = 1 / 0.5 = 2.
        XCTAssertEqual(trainer.reconstructionLoss(x, mean).item, 2, accuracy: 1e-6)
    }
}
