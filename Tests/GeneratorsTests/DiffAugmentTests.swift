import Foundation
import XCTest
import NN
import Tensor
@testable import Generators

/// Differentiable augmentation against its PyTorch twin (reference/diff_augment.py) for fixed
/// draws, and the ranges of the draws themselves.
final class DiffAugmentTests: XCTestCase {
    private func fixture() throws -> SafetensorsFile {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try SafetensorsFile.read(from: folder.appendingPathComponent("diff_augment.safetensors"))
    }

    private func values(_ f: SafetensorsFile, _ name: String) throws -> [Float] {
        try XCTUnwrap(f.tensors[name], "fixture has no '\(name)'").values
    }

    private func pairs(_ v: [Float]) -> [(Int, Int)] {
        stride(from: 0, to: v.count, by: 2).map { (Int(v[$0]), Int(v[$0 + 1])) }
    }

    private func assertClose(_ a: [Float], _ b: [Float], _ what: String) {
        XCTAssertEqual(a.count, b.count, what)
        if let i = a.indices.first(where: { abs(a[$0] - b[$0]) > 1e-5 + 1e-5 * abs(b[$0]) }) {
            XCTFail("\(what)[\(i)]: \(a[i]) vs expected \(b[i])")
        }
    }

    /// Output and input gradient of color, translation and cutout for RGB and one-channel batches.
    func testMatchesPyTorchForFixedDraws() throws {
        let f = try fixture()
        for name in ["rgb", "grey"] {
            let stored = try XCTUnwrap(f.tensors["\(name).input"])
            let x = stored.tensor(requiresGrad: true)
            var draws = AugmentationDraws()
            draws.brightness = try values(f, "\(name).brightness")
            draws.saturation = try values(f, "\(name).saturation")
            draws.contrast = try values(f, "\(name).contrast")
            draws.shifts = pairs(try values(f, "\(name).shifts")).map { (dy: $0.0, dx: $0.1) }
            draws.cutoutCentres = pairs(try values(f, "\(name).centres")).map { (y: $0.0, x: $0.1) }
            let y = DiffAugment([.cutout, .translation, .color]).apply(x, draws)
            assertClose(y.scalars, try values(f, "\(name).output"), "\(name) output")
            let g = try XCTUnwrap(f.tensors["\(name).grad_output"]).tensor()
            (y * g).sum().backward()
            assertClose(try XCTUnwrap(x.grad).scalars, try values(f, "\(name).grad.input"), "\(name) grad input")
        }
    }

    /// The families apply in one fixed order whatever order the config lists them in.
    func testPolicyIsASetInCanonicalOrder() {
        XCTAssertEqual(DiffAugment([.cutout, .color, .translation, .color]).policy, [.color, .translation, .cutout])
        XCTAssertEqual(DiffAugment([]).policy, [])
    }

    /// Shifts lie in [-4, 4] and cutout centres in 0...32 for 32x32 images, and every value occurs.
    func testDrawsCoverTheirRanges() {
        var rng = RNG(seed: 4)
        let d = AugmentationDraws(policy: [.translation, .cutout, .color], count: 4000, height: 32, width: 32, rng: &rng)
        XCTAssertEqual(Set(d.shifts.map(\.dy)), Set(-4...4))
        XCTAssertEqual(Set(d.shifts.map(\.dx)), Set(-4...4))
        XCTAssertEqual(Set(d.cutoutCentres.map(\.y)), Set(0...32))
        XCTAssertEqual(Set(d.cutoutCentres.map(\.x)), Set(0...32))
        XCTAssertEqual(d.brightness.min()!, -0.5, accuracy: 0.01)
        XCTAssertEqual(d.brightness.max()!, 0.5, accuracy: 0.01)
        XCTAssertEqual(d.saturation.min()!, 0, accuracy: 0.01)
        XCTAssertEqual(d.saturation.max()!, 2, accuracy: 0.01)
        XCTAssertEqual(d.contrast.min()!, 0.5, accuracy: 0.01)
        XCTAssertEqual(d.contrast.max()!, 1.5, accuracy: 0.01)
    }

    /// No policy: the images themselves, and no draws consumed.
    func testEmptyPolicyIsTheIdentity() {
        var rng = RNG(seed: 1)
        let x = Tensor.randn([2, 3, 4, 4], rng: &rng)
        var a = RNG(seed: 9), b = RNG(seed: 9)
        XCTAssertTrue(DiffAugment([])(x, rng: &a) === x)
        XCTAssertEqual(a.next(), b.next())
    }
}
