import TestSupport
import XCTest
import Editors
import NN
import Tensor

final class EditorBehaviourTests: XCTestCase {
    func testLinearEditorStartsOrthonormalAndMovesByExactlyT() {
        var rng = RNG(seed: 30)
        let editor = LinearEditor(latentDim: 10, directions: 4, rng: &rng)
        let a = editor.matrix.scalars
        for i in 0..<4 {
            for j in 0..<4 {
                let dot = (0..<10).reduce(Float(0)) { $0 + a[$1 * 4 + i] * a[$1 * 4 + j] }
                XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-5)
            }
        }
        editor.matrix.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] *= 3 } }   // scale must not matter
        let z = clampedLatents([4, 10], seed: 31)
        let moved = Tensor.withoutGradients { (editor.edit(z, directions: [0, 1, 2, 3], amounts: [1, -2, 0.5, 3]) - z).norm(axes: [1]) }
        for (m, t) in zip(moved.scalars, [Float(1), 2, 0.5, 3]) { XCTAssertEqual(m, t, accuracy: 1e-5) }
    }

    func testWarpedEditStepHasLengthT() {
        var rng = RNG(seed: 32)
        let editor = WarpedEditor(latentDim: 12, directions: 3, dipoles: 5, rng: &rng)
        XCTAssertEqual(editor.support.shape, [3, 10, 12])
        // Dipoles are antipodal pairs at the set's radius.
        let v = editor.support.scalars
        for i in 0..<12 { XCTAssertEqual(v[i], -v[12 + i]) }
        let z = clampedLatents([3, 12], seed: 33)
        let moved = Tensor.withoutGradients { (editor.edit(z, directions: [0, 1, 2], amounts: [0.5, -1, 2]) - z).norm(axes: [1]) }
        for (m, t) in zip(moved.scalars, [Float(0.5), 1, 2]) { XCTAssertEqual(m, t, accuracy: 1e-4) }
    }

    func testNegativeAmountFollowsNegativeGradient() {
        var rng = RNG(seed: 34)
        let editor = WarpedEditor(latentDim: 8, directions: 2, dipoles: 3, rng: &rng)
        let z = clampedLatents([2, 8], seed: 35)
        let up = Tensor.withoutGradients { editor.edit(z, directions: [1, 1], amounts: [0.3, 0.3]) - z }
        let down = Tensor.withoutGradients { editor.edit(z, directions: [1, 1], amounts: [-0.3, -0.3]) - z }
        XCTAssertLessThanOrEqual(up.maxAbsDifference(-down), 1e-6)
    }

    func testCurvilinearEditIsUndoneByTheOppositeAmount() {
        var rng = RNG(seed: 36)
        let editor = CurvilinearEditor(latentDim: 16, directions: 4, layers: 4, hidden: 32, rng: &rng)
        let z = clampedLatents([4, 16], seed: 37)
        let back = Tensor.withoutGradients {
            editor.edit(editor.edit(z, directions: [0, 1, 2, 3], amounts: [2, -1, 3, 0.5]),
                        directions: [0, 1, 2, 3], amounts: [-2, 1, -3, -0.5])
        }
        XCTAssertLessThanOrEqual(back.maxAbsDifference(z), 1e-4)
    }

    /// Save, load into a differently seeded editor: every tensor and every edit is bit-identical.
    func testSaveLoadRoundTripsBitExactly() throws {
        let folder = try temporaryFolder()
        var a = RNG(seed: 40), b = RNG(seed: 41)
        let pairs: [(any LatentEditor, any LatentEditor)] = [
            (LinearEditor(latentDim: 8, directions: 3, rng: &a), LinearEditor(latentDim: 8, directions: 3, rng: &b)),
            (WarpedEditor(latentDim: 8, directions: 3, dipoles: 2, rng: &a), WarpedEditor(latentDim: 8, directions: 3, dipoles: 2, rng: &b)),
            (CurvilinearEditor(latentDim: 8, directions: 3, layers: 3, hidden: 8, rng: &a),
             CurvilinearEditor(latentDim: 8, directions: 3, layers: 3, hidden: 8, rng: &b)),
            (ClosedFormEditor(method: "sefa", vectors: [[1, 2, 3, 4, 5, 6, 7, 8]], scores: [1], latentDim: 8),
             ClosedFormEditor(method: "sefa", vectors: [[8, 7, 6, 5, 4, 3, 2, 1]], scores: [1], latentDim: 8)),
        ]
        let z = clampedLatents([2, 8], seed: 42)
        for (i, (saved, loaded)) in pairs.enumerated() {
            let url = folder.appendingPathComponent("editor\(i).safetensors")
            try saved.save(to: url)
            try loaded.load(from: url)
            let s = saved.stateDict(), l = loaded.stateDict()
            XCTAssertEqual(Set(s.keys), Set(l.keys))
            for (name, t) in s {
                XCTAssertEqual(t.scalars.map(\.bitPattern), l[name]?.scalars.map(\.bitPattern), "\(type(of: saved)) \(name)")
            }
            let e1 = Tensor.withoutGradients { saved.traverse(z, direction: 0, amount: 1.5) }
            let e2 = Tensor.withoutGradients { loaded.traverse(z, direction: 0, amount: 1.5) }
            XCTAssertEqual(e1.scalars.map(\.bitPattern), e2.scalars.map(\.bitPattern))
        }
    }

    func testLoadingTheWrongEditorFailsWithANamedTensor() throws {
        let folder = try temporaryFolder()
        var rng = RNG(seed: 43)
        let url = folder.appendingPathComponent("linear.safetensors")
        try LinearEditor(latentDim: 8, directions: 3, rng: &rng).save(to: url)
        let warped = WarpedEditor(latentDim: 8, directions: 3, dipoles: 2, rng: &rng)
        XCTAssertThrowsError(try warped.load(from: url)) { error in
            XCTAssertTrue("\(error)".contains("is missing"), "\(error)")
        }
    }
}

final class EditorFileTests: XCTestCase {
    /// EditorFile rebuilds the right type from the metadata and the edits agree bit for bit.
    func testEditorFileRebuildsEveryType() throws {
        let folder = try temporaryFolder()
        var rng = RNG(seed: 44)
        let editors: [any LatentEditor] = [
            LinearEditor(latentDim: 8, directions: 3, rng: &rng),
            WarpedEditor(latentDim: 8, directions: 3, dipoles: 2, rng: &rng),
            CurvilinearEditor(latentDim: 8, directions: 3, layers: 3, hidden: 8, rng: &rng),
            ClosedFormEditor(method: "ganspace", vectors: [[1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 0, 1, 0, 1, 0, 1]],
                             scores: [3, 1], latentDim: 8),
        ]
        let z = clampedLatents([2, 8], seed: 45)
        for (i, editor) in editors.enumerated() {
            let url = folder.appendingPathComponent("e\(i).safetensors")
            try EditorFile.save(editor, to: url, metadata: ["kind": "k\(i)", "type": "overridden by the architecture"])
            let (loaded, metadata) = try EditorFile.load(from: url)
            XCTAssertTrue(type(of: loaded) == type(of: editor))
            XCTAssertEqual(metadata["kind"], "k\(i)")
            XCTAssertEqual(loaded.architecture, editor.architecture)
            let a = Tensor.withoutGradients { editor.traverse(z, direction: 1, amount: -1.25) }
            let b = Tensor.withoutGradients { loaded.traverse(z, direction: 1, amount: -1.25) }
            XCTAssertEqual(a.scalars.map(\.bitPattern), b.scalars.map(\.bitPattern))
        }
        let closed = try XCTUnwrap(try EditorFile.load(from: folder.appendingPathComponent("e3.safetensors")).editor as? ClosedFormEditor)
        XCTAssertEqual(closed.scores, [3, 1])
        XCTAssertEqual(closed.method, "ganspace")
    }

    func testEditorFileWithoutArchitectureIsRejected() throws {
        let folder = try temporaryFolder()
        var rng = RNG(seed: 46)
        let url = folder.appendingPathComponent("bare.safetensors")
        try LinearEditor(latentDim: 8, directions: 3, rng: &rng).save(to: url)
        XCTAssertThrowsError(try EditorFile.load(from: url)) { error in
            XCTAssertTrue("\(error)".contains("latent_dim"), "\(error)")
        }
    }
}
