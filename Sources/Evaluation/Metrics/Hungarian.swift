// Minimum-cost assignment (Kuhn-Munkres with potentials, O(n^2 m)): each of n rows
// gets a distinct one of m >= n columns so that the sum of costs is minimal.

public enum Hungarian {
    /// `assignment[i]` is the column of row i. `cost` is n x m with n <= m.
    public static func assign(_ cost: [[Double]]) -> [Int] {
        let n = cost.count
        guard n > 0 else { return [] }
        let m = cost[0].count
        precondition(cost.allSatisfy { $0.count == m } && n <= m, "Hungarian: need an n x m matrix with n <= m")
        // 1-based arrays; column 0 is a virtual start. u, v: row and column potentials,
        // p[j]: row matched to column j, way[j]: previous column on the augmenting path.
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: m + 1)
        var p = [Int](repeating: 0, count: m + 1), way = [Int](repeating: 0, count: m + 1)
        for i in 1 ... n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: m + 1)
            var used = [Bool](repeating: false, count: m + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity, j1 = 0
                for j in 1 ... m where !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0 ... m {
                    if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var assignment = [Int](repeating: -1, count: n)
        for j in 1 ... m where p[j] != 0 { assignment[p[j] - 1] = j - 1 }
        return assignment
    }

    /// The maximum-total-score assignment (rows attributes, columns directions).
    public static func maximise(_ score: [[Double]]) -> [Int] {
        assign(score.map { $0.map { -$0 } })
    }
}
