// Skeleton of a binary image by Zhang-Suen thinning (Zhang & Suen, CACM 1984),
// and the skeleton's length, used by the stroke-thickness measurer.

enum Skeleton {
    /// Thins `pixels` (row-major, true = ink) to a one-pixel-wide 8-connected skeleton.
    static func thin(_ pixels: [Bool], width: Int, height: Int) -> [Bool] {
        var image = pixels
        // Neighbours P2..P9, clockwise from north.
        let dy = [-1, -1, 0, 1, 1, 1, 0, -1], dx = [0, 1, 1, 1, 0, -1, -1, -1]
        func at(_ x: Int, _ y: Int) -> Bool {
            x >= 0 && y >= 0 && x < width && y < height && image[y * width + x]
        }
        var changed = true
        while changed {
            changed = false
            for pass in 0 ..< 2 {
                var remove: [Int] = []
                for y in 0 ..< height {
                    for x in 0 ..< width where image[y * width + x] {
                        var p = [Bool](repeating: false, count: 8)
                        for k in 0 ..< 8 { p[k] = at(x + dx[k], y + dy[k]) }
                        let neighbours = p.filter { $0 }.count            // B(P1)
                        guard neighbours >= 2, neighbours <= 6 else { continue }
                        var transitions = 0                                // A(P1): 0 -> 1 in P2..P9,P2
                        for k in 0 ..< 8 where !p[k] && p[(k + 1) % 8] { transitions += 1 }
                        guard transitions == 1 else { continue }
                        // p[0]=P2 (N), p[2]=P4 (E), p[4]=P6 (S), p[6]=P8 (W)
                        if pass == 0 {
                            guard !(p[0] && p[2] && p[4]), !(p[2] && p[4] && p[6]) else { continue }
                        } else {
                            guard !(p[0] && p[2] && p[6]), !(p[0] && p[4] && p[6]) else { continue }
                        }
                        remove.append(y * width + x)
                    }
                }
                for index in remove { image[index] = false }
                if !remove.isEmpty { changed = true }
            }
        }
        return image
    }

    /// Length of an 8-connected skeleton in pixels: each horizontally or vertically
    /// adjacent pair of skeleton pixels contributes 1, each diagonally adjacent pair
    /// sqrt 2 unless the two are also joined through a common 4-neighbour (a corner,
    /// already counted by the two unit steps). A lone pixel has length 0.
    static func length(_ skeleton: [Bool], width: Int, height: Int) -> Double {
        func at(_ x: Int, _ y: Int) -> Bool {
            x >= 0 && y >= 0 && x < width && y < height && skeleton[y * width + x]
        }
        var straight = 0, diagonal = 0
        for y in 0 ..< height {
            for x in 0 ..< width where skeleton[y * width + x] {
                if at(x + 1, y) { straight += 1 }
                if at(x, y + 1) { straight += 1 }
                if at(x + 1, y + 1), !at(x + 1, y), !at(x, y + 1) { diagonal += 1 }
                if at(x - 1, y + 1), !at(x - 1, y), !at(x, y + 1) { diagonal += 1 }
            }
        }
        return Double(straight) + 2.0.squareRoot() * Double(diagonal)
    }

    /// Number of stroke ends: skeleton pixels with at most one 8-neighbour in the
    /// skeleton (a lone pixel counts as two ends).
    static func endpoints(_ skeleton: [Bool], width: Int, height: Int) -> Int {
        var ends = 0
        for y in 0 ..< height {
            for x in 0 ..< width where skeleton[y * width + x] {
                var neighbours = 0
                for dy in -1 ... 1 {
                    for dx in -1 ... 1 where dx != 0 || dy != 0 {
                        let nx = x + dx, ny = y + dy
                        if nx >= 0, ny >= 0, nx < width, ny < height, skeleton[ny * width + nx] { neighbours += 1 }
                    }
                }
                if neighbours == 0 { ends += 2 } else if neighbours == 1 { ends += 1 }
            }
        }
        return ends
    }
}
