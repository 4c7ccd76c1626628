import XCTest
@testable import Datasets

final class BatchesTests: XCTestCase {
    /// 10 one-pixel images whose value is their index.
    private let dataset = LabeledImages(
        images: ImageBatch(count: 10, channels: 1, height: 1, width: 1, pixels: (0 ..< 10).map(Float.init)),
        labels: Array(0 ..< 10))

    func testEachEpochVisitsEveryItemOnceInASeededOrder() {
        var batches = ShuffledBatches(dataset, batchSize: 5, seed: 1, dropLast: false)
        XCTAssertEqual(batches.batchesPerEpoch, 2)
        let epoch0 = (0 ..< 2).flatMap { _ in batches.next()!.labels }
        let epoch1 = (0 ..< 2).flatMap { _ in batches.next()!.labels }
        XCTAssertEqual(epoch0.sorted(), Array(0 ..< 10))
        XCTAssertEqual(epoch1.sorted(), Array(0 ..< 10))
        XCTAssertNotEqual(epoch0, epoch1)
        XCTAssertNotEqual(epoch0, Array(0 ..< 10))
        XCTAssertEqual(batches.epoch, 1)
        // Images travel with their labels, and the same seed gives the same batches.
        var again = ShuffledBatches(dataset, batchSize: 5, seed: 1, dropLast: false)
        let first = again.next()!
        XCTAssertEqual(first.images.pixels.map(Int.init), first.labels)
        XCTAssertEqual(first.labels, Array(epoch0.prefix(5)))
        var other = ShuffledBatches(dataset, batchSize: 5, seed: 2, dropLast: false)
        XCTAssertNotEqual(other.next()!.labels + other.next()!.labels, epoch0)
    }

    func testDropLastKeepsFullBatches() {
        var batches = ShuffledBatches(dataset, batchSize: 4, seed: 0)
        XCTAssertEqual(batches.batchesPerEpoch, 2)
        for _ in 0 ..< 7 { XCTAssertEqual(batches.next()!.labels.count, 4) }
        var ragged = ShuffledBatches(dataset, batchSize: 4, seed: 0, dropLast: false)
        XCTAssertEqual((0 ..< 3).map { _ in ragged.next()!.labels.count }, [4, 4, 2])
    }

    func testSpriteStreamGivesFreshReproducibleBatches() {
        var stream = SpriteStream(seed: 11, batchSize: 8)
        let b0 = stream.next()!, b1 = stream.next()!
        XCTAssertEqual(b0.images.shape, [8, 3, 32, 32])
        XCTAssertNotEqual(b0.factors, b1.factors)
        XCTAssertEqual(b1, SpriteGenerator(seed: 11).sprites(8 ..< 16))
        XCTAssertEqual(SpriteStream(seed: 11, batchSize: 8).batch(at: 1), b1)
    }
}

final class DatasetSourceTests: XCTestCase {
    func testLoadsSpritesAndIDXFiles() throws {
        let sprites = try DatasetSource.sprites(seed: 4).load(limit: 6)
        XCTAssertEqual(sprites, SpriteGenerator(seed: 4).sprites(0 ..< 6).labeled)
        XCTAssertEqual(DatasetSource.sprites(seed: 4).channels, 3)
        XCTAssertEqual(DatasetSource.sprites(seed: 4).measurerSet, "sprites")

        let source = DatasetSource.idx(images: try Fixtures.digitImages, labels: try Fixtures.digitLabels)
        let digits = try source.load(limit: 40)
        XCTAssertEqual(digits.images.shape, [40, 1, 32, 32])
        XCTAssertEqual(digits.labels.prefix(3), [0, 0, 0])
        XCTAssertEqual(try source.load().count, 300)
        XCTAssertEqual(source.measurerSet, "digits")
    }
}
