import XCTest
import Editors
import NN
import Tensor

final class CurvilinearFlowTests: XCTestCase {
    /// max |f^-1(f(z)) - z| <= 1e-4 for the default flow (D 128, 8 layers, hidden 256), |z| <= 4.
    func testFlowRoundTrip() {
        var rng = RNG(seed: 7)
        let editor = CurvilinearEditor(latentDim: 128, directions: 16, layers: 8, hidden: 256, rng: &rng)
        var z = clampedLatents([32, 128], seed: 8)
        // Also rows at the corners of the box: every coordinate +-4.
        let corners = Tensor((0..<(2 * 128)).map { $0 % 3 == 0 ? 4 : -4 }, shape: [2, 128])
        z = concat([z, corners], axis: 0)
        let back = Tensor.withoutGradients { editor.inverseFlow(editor.flow(z).v) }
        XCTAssertLessThanOrEqual(back.maxAbsDifference(z), 1e-4)
    }

    /// The coupling log-det equals log|det J| of a central-difference Jacobian (D = 8).
    func testLogDeterminantMatchesFiniteDifferenceJacobian() {
        var rng = RNG(seed: 9)
        let d = 8
        let editor = CurvilinearEditor(latentDim: d, directions: 4, layers: 4, hidden: 16, rng: &rng)
        let z = clampedLatents([3, d], seed: 10)
        let analytic = Tensor.withoutGradients { editor.flow(z).logDeterminant }.scalars
        let h: Float = 1e-2
        for row in 0..<3 {
            var jacobian = [Double](repeating: 0, count: d * d)
            for j in 0..<d {
                var up = Array(z.scalars[(row * d)..<((row + 1) * d)]), down = up
                up[j] += h; down[j] -= h
                let fu = Tensor.withoutGradients { editor.flow(Tensor(up, shape: [1, d])).v }.scalars
                let fd = Tensor.withoutGradients { editor.flow(Tensor(down, shape: [1, d])).v }.scalars
                for i in 0..<d { jacobian[i * d + j] = Double(fu[i] - fd[i]) / Double(2 * h) }
            }
            XCTAssertEqual(logAbsDeterminant(jacobian, d), Double(analytic[row]), accuracy: 1e-3, "row \(row)")
        }
        XCTAssertGreaterThan(analytic.map { Swift.abs($0) }.max() ?? 0, 1e-2, "random weights should not be volume preserving")
    }

    /// |phi_l^-1 phi_j^-1 phi_l phi_j z - z| / |phi_j z - z| <= 1e-4 (edits commute exactly).
    func testCurvilinearEditsCommute() {
        var rng = RNG(seed: 11)
        let editor = CurvilinearEditor(latentDim: 16, directions: 4, layers: 6, hidden: 32, rng: &rng)
        XCTAssertLessThanOrEqual(latentCommutator(editor, seed: 12), 1e-4)
    }

    /// The warped editor's flows do not commute: the same ratio is >= 1e-2.
    func testWarpedEditsDoNotCommute() {
        var rng = RNG(seed: 13)
        let editor = WarpedEditor(latentDim: 16, directions: 4, dipoles: 4, rng: &rng)
        XCTAssertGreaterThanOrEqual(latentCommutator(editor, seed: 14), 1e-2)
    }

    /// The traversal of the warped editor is undone by the opposite amount (RK4, steps <= 0.2).
    func testWarpedTraversalIsReversible() {
        var rng = RNG(seed: 15)
        let editor = WarpedEditor(latentDim: 16, directions: 4, dipoles: 4, rng: &rng)
        let z = clampedLatents([4, 16], seed: 16)
        let there = Tensor.withoutGradients { editor.traverse(z, direction: 2, amount: 2.5) }
        let back = Tensor.withoutGradients { editor.traverse(there, direction: 2, amount: -2.5) }
        XCTAssertLessThanOrEqual(back.maxAbsDifference(z), 1e-3)
        // The path has unit speed: it is no longer than |t| and, as the field bends slowly, nearly |t|.
        let moved = Tensor.withoutGradients { (there - z).norm(axes: [1]) }.scalars
        for m in moved { XCTAssertLessThanOrEqual(m, 2.5 + 1e-3); XCTAssertGreaterThan(m, 2.0) }
    }

    /// mean over rows of |phi_l^-t phi_j^-t phi_l^t phi_j^t z - z| / |phi_j^t z - z|, t = 1.5.
    func latentCommutator(_ editor: any LatentEditor, seed: UInt64) -> Float {
        let z = clampedLatents([8, editor.latentDim], seed: seed)
        let (j, l, t): (Int, Int, Float) = (0, 1, 1.5)
        return Tensor.withoutGradients {
            let a = editor.traverse(z, direction: j, amount: t)
            let b = editor.traverse(a, direction: l, amount: t)
            let c = editor.traverse(b, direction: j, amount: -t)
            let e = editor.traverse(c, direction: l, amount: -t)
            return ((e - z).norm(axes: [1]) / (a - z).norm(axes: [1])).mean().item
        }
    }

    /// log|det| of an n x n matrix by LU with partial pivoting.
    func logAbsDeterminant(_ matrix: [Double], _ n: Int) -> Double {
        var a = matrix
        var total = 0.0
        for c in 0..<n {
            let p = (c..<n).max { Swift.abs(a[$0 * n + c]) < Swift.abs(a[$1 * n + c]) }!
            if p != c { for k in 0..<n { a.swapAt(c * n + k, p * n + k) } }
            let pivot = a[c * n + c]
            total += Foundation.log(Swift.abs(pivot))
            for r in (c + 1)..<max(n, c + 1) {
                let f = a[r * n + c] / pivot
                for k in c..<n { a[r * n + k] -= f * a[c * n + k] }
            }
        }
        return total
    }
}
