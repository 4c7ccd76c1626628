import XCTest
import Tensor

final class SymmetricEigenTests: XCTestCase {
    /// |A v - lambda v| and |V^T V - I| entrywise, the sign rule, and the order.
    private func checkDecomposition(_ e: SymmetricEigen, of a: [Double], n: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(e.values.count, n, file: file, line: line)
        XCTAssertEqual(e.vectors.count, n, file: file, line: line)
        XCTAssertEqual(e.values, e.values.sorted(by: >), "largest first", file: file, line: line)
        for (lambda, v) in zip(e.values, e.vectors) {
            for i in 0..<n {
                let av = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * v[$1] }
                XCTAssertEqual(av, lambda * v[i], accuracy: 1e-9, file: file, line: line)
            }
            let largest = v.max { Swift.abs($0) < Swift.abs($1) } ?? 0
            XCTAssertGreaterThan(largest, 0, "largest-magnitude component positive", file: file, line: line)
        }
        for i in 0..<n { for j in 0..<n {
            let dot = (0..<n).reduce(0.0) { $0 + e.vectors[i][$1] * e.vectors[j][$1] }
            XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-9, file: file, line: line)
        } }
    }

    func testARandomSymmetricMatrix() throws {
        let n = 20
        var rng = RNG(seed: 60)
        let b = (0..<(n * n)).map { _ in Double(rng.normal()) }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { a[i * n + j] = b[i * n + j] + b[j * n + i] } }
        let e = try SymmetricEigen(symmetric: a, n: n)
        checkDecomposition(e, of: a, n: n)
        // The trace is the sum of the eigenvalues.
        XCTAssertEqual(e.values.reduce(0, +), (0..<n).reduce(0.0) { $0 + a[$1 * n + $1] }, accuracy: 1e-9)
    }

    /// A = Q diag(lambda) Q^T with Q a Householder reflection I - 2 u u^T / u^T u and
    /// eigenvalues 3 (x3), 1 (x2), -2 (x3), 0 (x2): any basis of each eigenspace is
    /// right, so the check is A v = lambda v and orthonormality, plus the values.
    func testRepeatedEigenvalues() throws {
        let spectrum: [Double] = [1, 3, -2, 0, 3, -2, 1, 0, 3, -2]
        let n = spectrum.count
        var rng = RNG(seed: 61)
        let u = (0..<n).map { _ in Double(rng.normal()) }
        let uu = u.reduce(0) { $0 + $1 * $1 }
        var q = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { q[i * n + j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu } }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { for k in 0..<n { a[i * n + j] += q[i * n + k] * spectrum[k] * q[j * n + k] } } }
        let e = try SymmetricEigen(symmetric: a, n: n)
        checkDecomposition(e, of: a, n: n)
        for (found, expected) in zip(e.values, spectrum.sorted(by: >)) { XCTAssertEqual(found, expected, accuracy: 1e-12) }
    }

    /// [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/sqrt 2 and (1, -1)/sqrt 2;
    /// on the tie |v_0| = |v_1| the first component is made positive.
    func testAKnownMatrixAndTheSignRule() throws {
        let e = try SymmetricEigen(symmetric: [2, 1, 1, 2], n: 2)
        let r = 1 / 2.0.squareRoot()
        XCTAssertEqual(e.values[0], 3, accuracy: 1e-14)
        XCTAssertEqual(e.values[1], 1, accuracy: 1e-14)
        for (found, expected) in zip(e.vectors[0] + e.vectors[1], [r, r, r, -r]) { XCTAssertEqual(found, expected, accuracy: 1e-14) }
        let single = try SymmetricEigen(symmetric: [-5], n: 1)
        XCTAssertEqual(single.values, [-5])
        XCTAssertEqual(single.vectors, [[1]])
    }

    /// Only the symmetric part counts: a slightly asymmetric input gives the
    /// decomposition of (A + A^T) / 2.
    func testTheSymmetricPartIsDecomposed() throws {
        let e = try SymmetricEigen(symmetric: [2, 1.5, 0.5, 2], n: 2)
        XCTAssertEqual(e.values[0], 3, accuracy: 1e-14)
        XCTAssertEqual(e.values[1], 1, accuracy: 1e-14)
    }

    func testBadInputIsATypedError() {
        XCTAssertThrowsError(try SymmetricEigen(symmetric: [1, .nan, .nan, 1], n: 2)) {
            XCTAssertEqual($0 as? SymmetricEigenError, .nonFinite(n: 2))
            XCTAssertTrue("\($0)".contains("non-finite"), "\($0)")
        }
        XCTAssertThrowsError(try SymmetricEigen(symmetric: [1, 2, 3], n: 2)) {
            XCTAssertEqual($0 as? SymmetricEigenError, .notSquare(count: 3, n: 2))
        }
        XCTAssertThrowsError(try SymmetricEigen(symmetric: [], n: 0)) {
            XCTAssertEqual($0 as? SymmetricEigenError, .notSquare(count: 0, n: 0))
        }
    }
}
