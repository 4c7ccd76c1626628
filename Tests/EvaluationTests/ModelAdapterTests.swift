import Datasets
import Editors
import Generators
import Tensor
import XCTest
@testable import Evaluation

/// The metrics through the real model types: a small random dcgan32 and real editors.
final class ModelAdapterTests: XCTestCase {
    func evaluator() throws -> EditorEvaluator<LayerGenerator> {
        var rng = RNG(seed: 11)
        let generator = LayerGenerator(DCGAN32Generator(latentDim: 8, width: 4, channels: 3, rng: &rng), chunk: 7)
        let real = SpriteGenerator(seed: 1).sprites(0 ..< 64).labeled.images
        let attributes = MeasuredAttribute.fromRealData(real, measurers: AttributeMeasurers.sprites)
        let settings = EvaluationSettings(strength: 2, points: 5, latents: 12, matchingLatents: 4, calibrate: false,
                                          seed: 3, bootstrapResamples: 50)
        return try EditorEvaluator(settings: settings, attributes: attributes, generator: generator, classifier: nil)
    }

    func testGeneratorAdapterChunksLikeOneBatch() {
        var rng = RNG(seed: 11)
        let g = DCGAN32Generator(latentDim: 8, width: 4, channels: 3, rng: &rng)
        let z = LatentBatch.normal(count: 10, dim: 8, seed: 2)
        let chunked = LayerGenerator(g, chunk: 3).generate(z), whole = LayerGenerator(g, chunk: 100).generate(z)
        XCTAssertEqual(chunked.shape, [10, 3, 32, 32])
        for (a, b) in zip(chunked.pixels, whole.pixels) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    func testEditorAdapterUsesTheEditorsPathAndItsInverse() {
        var rng = RNG(seed: 5)
        let editor = LatentEditorFunction(CurvilinearEditor(latentDim: 8, directions: 6, layers: 2, hidden: 16, rng: &rng), chunk: 5)
        let z = LatentBatch.normal(count: 9, dim: 8, seed: 4)
        let there = editor.edit(z, direction: 2, amount: 1.5)
        XCTAssertGreaterThan(there.distances(to: z).min()!, 0.1)
        let back = editor.edit(there, direction: 2, amount: -1.5)
        XCTAssertLessThan(back.distances(to: z).max()!, 1e-3)
    }

    func testCommutingEditorsHaveSmallCommutatorsThroughARealGenerator() throws {
        var rng = RNG(seed: 6)
        let evaluator = try evaluator()
        let editors: [any LatentEditor] = [
            LinearEditor(latentDim: 8, directions: 6, rng: &rng),
            CurvilinearEditor(latentDim: 8, directions: 6, layers: 2, hidden: 16, rng: &rng),
        ]
        for editor in editors {
            let m = try evaluator.evaluate(LatentEditorFunction(editor)).fixed
            XCTAssertEqual(m.samples, 12)
            XCTAssertEqual(m.sideEffect.count, 5)
            XCTAssertLessThan(m.latentCommutator.mean, 0.1, "\(type(of: editor))")
            for d in m.displacement { XCTAssertGreaterThan(d.mean, 0) }
        }
    }

    func testWarpedEditorDoesNotCommute() throws {
        // Curved vector fields of different directions do not commute: the loop
        // phi_l^-1 phi_j^-1 phi_l phi_j z misses z by a sizeable fraction of a step.
        var rng = RNG(seed: 6)
        let warped = WarpedEditor(latentDim: 8, directions: 6, dipoles: 4, rng: &rng)
        let m = try evaluator().evaluate(LatentEditorFunction(warped)).fixed
        XCTAssertGreaterThan(m.latentCommutator.mean, 5, "\(m.latentCommutator)")
    }
}

final class AttributeReadoutTests: XCTestCase {
    /// The sprite attributes of `images` measured on `threads` threads.
    func measure(_ images: ImageBatch, threads: Int) -> [[Double]] {
        let saved = AttributeReadout.threads
        defer { AttributeReadout.threads = saved }
        AttributeReadout.threads = threads
        return AttributeReadout.measure(images, AttributeMeasurers.sprites)
    }

    func testParallelMeasurementEqualsSerial() {
        let images = SpriteGenerator(seed: 2).sprites(0 ..< 70).labeled.images
        let serial = measure(images, threads: 1)
        XCTAssertEqual(measure(images, threads: 3), serial)
        XCTAssertEqual(serial.count, 5)
        XCTAssertEqual(serial[0].count, 70)
        XCTAssertEqual(serial[2][5], SpriteSize().measure(images.image(at: 5)))
    }

    func testMoreThreadsThanSlicesMeasuresEveryImageOnce() {
        // 500 images on 29 threads: ceil(500 / 29) = 18 per slice leaves the 29th slice
        // starting at 504, past the end; it must not be run (it used to trap).
        let images = SpriteGenerator(seed: 3).sprites(0 ..< 500).labeled.images
        let serial = measure(images, threads: 1)
        for threads in [29, 31, 64, 1_000] {
            XCTAssertEqual(measure(images, threads: threads), serial, "\(threads) threads")
        }
        let none = ImageBatch(count: 0, channels: 3, height: 32, width: 32, pixels: [])
        XCTAssertEqual(measure(none, threads: 29).map(\.count), [0, 0, 0, 0, 0])
    }
}
