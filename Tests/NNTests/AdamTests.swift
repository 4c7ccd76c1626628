import XCTest
import Tensor
@testable import NN

final class AdamTests: XCTestCase {
    /// Five steps with betas (0.5, 0.999), L2 weight decay 0.01, fed PyTorch's recorded gradients.
    func testMatchesTorchAdamWithWeightDecay() throws {
        let f = try fixture("adam")
        let p1 = try f.get("p1").tensor(requiresGrad: true)
        let p2 = try f.get("p2").tensor(requiresGrad: true)
        let adam = Adam([p1, p2], learningRate: 0.01, betas: (0.5, 0.999), eps: 1e-8, weightDecay: 0.01)
        for step in 0..<5 {
            p1.grad = try f.get("step\(step).grad.p1").tensor()
            p2.grad = try f.get("step\(step).grad.p2").tensor()
            adam.step()
            assertClose(StoredTensor(p1), try f.get("step\(step).p1"), rtol: 1e-5, atol: 1e-6, "p1 step \(step)")
            assertClose(StoredTensor(p2), try f.get("step\(step).p2"), rtol: 1e-5, atol: 1e-6, "p2 step \(step)")
        }
    }

    /// Groups have their own learning rates; a parameter without a gradient is left alone.
    func testParameterGroupsAndMissingGradients() {
        let a = Tensor([1, 1], shape: [2], requiresGrad: true)
        let b = Tensor([1, 1], shape: [2], requiresGrad: true)
        let c = Tensor([1], shape: [1], requiresGrad: true)
        let adam = Adam(groups: [.init([a], learningRate: 0.1), .init([b, c], learningRate: 0.01)])
        a.grad = Tensor([1, -1], shape: [2])
        b.grad = Tensor([1, -1], shape: [2])
        adam.step()
        // The first Adam step moves every coordinate by lr * sign(g) (up to eps).
        XCTAssertEqual(a.scalars[0], 0.9, accuracy: 1e-6)
        XCTAssertEqual(a.scalars[1], 1.1, accuracy: 1e-6)
        XCTAssertEqual(b.scalars[0], 0.99, accuracy: 1e-6)
        XCTAssertEqual(c.scalars, [1])
        adam.zeroGrad()
        XCTAssertNil(a.grad)
    }
}
