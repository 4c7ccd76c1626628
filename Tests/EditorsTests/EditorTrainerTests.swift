import TestSupport
import XCTest
import Editors
import Generators
import NN
import Tensor

final class EditorTrainerTests: XCTestCase {
    /// A tiny random generator (d 8, c 4, one channel) and a linear editor with K = 3.
    func makeTrainer(seed: UInt64 = 60, steps: Int = 40) -> (EditorTrainer, DCGAN32Generator) {
        var rng = RNG(seed: seed)
        let generator = DCGAN32Generator(latentDim: 8, width: 4, channels: 1, rng: &rng)
        var options = EditorTrainingOptions()
        options.steps = steps
        options.batch = 12
        options.learningRate = 3e-3
        options.checkpointEvery = 10
        options.window = 10
        options.heldOutBatches = 2
        let trainer = EditorTrainer(editor: LinearEditor(latentDim: 8, directions: 3, rng: &rng), generator: generator,
                                    reconstructor: Reconstructor(channels: 1, directions: 3, rng: &rng), options: options)
        return (trainer, generator)
    }

    func testLossDecreasesOnATinyGenerator() throws {
        let (trainer, _) = makeTrainer(steps: 60)
        var losses: [Double] = []
        for step in 0..<60 {
            let figures = try XCTUnwrap(trainer.step(step))
            losses.append(figures[1] + 0.25 * figures[2])
        }
        let first = losses.prefix(10).reduce(0, +) / 10, last = losses.suffix(10).reduce(0, +) / 10
        XCTAssertLessThan(last, first * 0.8, "CE + lambda L1 should fall: \(first) -> \(last)")
    }

    func testGeneratorIsFrozenAndGradientsReachTheEditor() throws {
        let (trainer, generator) = makeTrainer()
        XCTAssertFalse(generator.isTraining)
        XCTAssertTrue(generator.parameters().allSatisfy { !$0.requiresGrad })
        let before = trainer.editor.parameters()[0].scalars
        let generatorBefore = generator.stateDict().mapValues(\.scalars)
        _ = try XCTUnwrap(trainer.step(0))
        XCTAssertNotEqual(trainer.editor.parameters()[0].scalars, before)
        XCTAssertEqual(generator.stateDict().mapValues(\.scalars), generatorBefore, "G and its batch-norm statistics stay fixed")
    }

    func testEpsilonSignsAreBalancedAndWithinRange() {
        let (trainer, _) = makeTrainer()
        var positive = 0, total = 0
        for step in 0..<200 {
            let draw = trainer.draw(step: step)
            for e in draw.eps {
                XCTAssertTrue(Swift.abs(e) >= 0.5 && Swift.abs(e) < 6)
                positive += e > 0 ? 1 : 0
                total += 1
            }
            XCTAssertTrue(draw.k.allSatisfy { (0..<3).contains($0) })
        }
        XCTAssertEqual(Double(positive) / Double(total), 0.5, accuracy: 0.03)
    }

    func testCheckpointResumeContinuesTheSameRun() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("checkpoint.safetensors")
        let (whole, _) = makeTrainer(steps: 20)
        _ = try whole.train(checkpoint: nil)
        let (first, _) = makeTrainer(steps: 10)
        _ = try first.train(checkpoint: url)
        // The same generator, other initial editor and R weights: the checkpoint must replace them.
        var rng = RNG(seed: 99)
        let second = EditorTrainer(editor: LinearEditor(latentDim: 8, directions: 3, rng: &rng), generator: whole.generator,
                                   reconstructor: Reconstructor(channels: 1, directions: 3, rng: &rng), options: whole.options)
        let summary = try second.train(checkpoint: url)
        XCTAssertEqual(summary.log.map(\.step), [10, 20])
        // Weights, batch-norm statistics and Adam's moments come back from the checkpoint,
        // and each step draws from its own seeded stream: the same floats as one straight run.
        let pairs = [(whole.editor.stateDict(), second.editor.stateDict()),
                     (whole.reconstructor.stateDict(), second.reconstructor.stateDict())]
        for (straight, resumed) in pairs {
            XCTAssertEqual(Set(straight.keys), Set(resumed.keys))
            for (name, tensor) in straight {
                XCTAssertEqual(resumed[name]?.scalars.map(\.bitPattern), tensor.scalars.map(\.bitPattern), name)
            }
        }
    }

    /// Resuming a checkpoint that is already at the last step trains nothing and reports
    /// the finished run's figures, not an empty step's zeros.
    func testResumingAFinishedRunReportsItsFigures() throws {
        let url = try temporaryFolder().appendingPathComponent("checkpoint.safetensors")
        let (first, _) = makeTrainer(steps: 10)
        let finished = try first.train(checkpoint: url)
        let (again, _) = makeTrainer(steps: 10)
        let summary = try again.train(checkpoint: url)
        XCTAssertEqual(summary.final, finished.final)
        XCTAssertGreaterThan(summary.final.crossEntropy, 0)
        XCTAssertEqual(summary.heldOutAccuracy, finished.heldOutAccuracy)
        XCTAssertEqual(summary.log.map(\.step), [10])
    }

    func testNonFiniteLossStopsAndKeepsTheLastGoodCheckpoint() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("checkpoint.safetensors")
        let (healthy, generator) = makeTrainer(steps: 10)
        var rng = RNG(seed: 61)
        let first = EditorTrainer(editor: ExplodingEditor(latentDim: 8, directions: 3, after: .max, rng: &rng),
                                  generator: generator, reconstructor: healthy.reconstructor, options: healthy.options)
        _ = try first.train(checkpoint: url)
        let saved = try Data(contentsOf: url)
        var options = healthy.options
        options.steps = 20
        let second = EditorTrainer(editor: ExplodingEditor(latentDim: 8, directions: 3, after: 3, rng: &rng),
                                   generator: generator, reconstructor: healthy.reconstructor, options: options)
        XCTAssertThrowsError(try second.train(checkpoint: url)) { error in
            XCTAssertEqual(error as? EditorError, .nonFiniteLoss(step: 13, lastCheckpoint: url.path))
            XCTAssertTrue("\(error)".contains("last good checkpoint"))
        }
        XCTAssertEqual(try Data(contentsOf: url), saved)
    }

    func testResumingAnotherEditorTypeIsRefused() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("checkpoint.safetensors")
        let (trainer, generator) = makeTrainer(steps: 10)
        _ = try trainer.train(checkpoint: url)
        var rng = RNG(seed: 1)
        let warped = EditorTrainer(editor: WarpedEditor(latentDim: 8, directions: 3, dipoles: 2, rng: &rng), generator: generator,
                                   reconstructor: Reconstructor(channels: 1, directions: 3, rng: &rng), options: trainer.options)
        XCTAssertThrowsError(try warped.train(checkpoint: url)) { error in
            XCTAssertTrue("\(error)".contains("LinearEditor"), "\(error)")
        }
    }

    func testInvalidOptionsAreRejected() {
        var options = EditorTrainingOptions()
        options.epsMax = 0.1
        XCTAssertThrowsError(try EditorTrainer.validate(options))
        options = EditorTrainingOptions()
        options.batch = 1
        XCTAssertThrowsError(try EditorTrainer.validate(options))
    }
}

/// A linear editor whose edits turn to NaN from its `after`-th call on.
final class ExplodingEditor: LatentEditor {
    let inner: LinearEditor
    let after: Int
    var calls = 0
    var isTraining = true
    var latentDim: Int { inner.latentDim }
    var directions: Int { inner.directions }
    var architecture: [String: String] { inner.architecture }

    init(latentDim: Int, directions: Int, after: Int, rng: inout RNG) {
        inner = LinearEditor(latentDim: latentDim, directions: directions, rng: &rng)
        self.after = after
    }

    var children: [(String, any Module)] { [("inner", inner)] }

    func edit(_ z: Tensor, directions k: [Int], amounts t: [Float]) -> Tensor {
        calls += 1
        let edited = inner.edit(z, directions: k, amounts: t)
        return calls > after ? edited * Float.nan : edited
    }
}
