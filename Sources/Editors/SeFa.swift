import NN
import Tensor

/// SeFa (Shen & Zhou, CVPR 2021): the directions that most change the output
/// of G's first layer y = W z + b are the top eigenvectors of W^T W
/// (maximising |W u|^2 over unit u). W [out, D] is the weight of G's first Linear.
public enum SeFa {
    public static func fit(firstLayerWeight w: Tensor, directions k: Int) throws -> ClosedFormEditor {
        guard w.rank == 2 else { throw EditorError.invalidOption(name: "first layer weight", value: "\(w.shape)", expected: "[out, D]") }
        let out = w.shape[0], d = w.shape[1]
        guard k >= 1, k <= d else { throw EditorError.invalidOption(name: "directions", value: "\(k)", expected: "1...\(d)") }
        let values = w.scalars.map { Double($0) }
        var gram = [Double](repeating: 0, count: d * d)
        for r in 0..<out {
            let row = r * d
            for i in 0..<d {
                let wi = values[row + i]
                if wi == 0 { continue }
                for j in i..<d { gram[i * d + j] += wi * values[row + j] }
            }
        }
        for i in 0..<d { for j in 0..<i { gram[i * d + j] = gram[j * d + i] } }
        let eigen: SymmetricEigen
        do { eigen = try SymmetricEigen(symmetric: gram, n: d) } catch {
            throw EditorError.eigenSolverFailed(reason: error.reason)
        }
        return ClosedFormEditor(method: "sefa", vectors: Array(eigen.vectors.prefix(k)),
                                scores: Array(eigen.values.prefix(k)), latentDim: d)
    }
}
