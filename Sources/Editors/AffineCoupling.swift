import NN
import Tensor

/// One RealNVP affine coupling layer (Dinh et al. 2017) after a fixed
/// orthogonal mixing P (a permutation matrix), on x [B, D]:
///
///     u = x P,  (u1, u2) = split(u, [D1, D2]),  D1 = D / 2 (floor),
///     (s~, b) = split(net(u1), [D2, D2]),  s = tanh(s~),
///     y = (u1, u2 * exp(s) + b),                 log|det dy/dx| = sum s  (|det P| = 1),
///     inverse: u = (y1, (y2 - b) * exp(-s)),  x = u P^T.
///
/// net = Linear(D1, h), ReLU, Linear(h, h), ReLU, Linear(h, 2 D2) (state_dict
/// `net.0`, `net.2`, `net.4`, PyTorch's default initialisation); `mixing` is a buffer.
public final class AffineCoupling: Module {
    public let net: Sequential
    /// P [D, D]: column j is the unit vector e_{perm[j]}, so (x P)[:, j] = x[:, perm[j]].
    public let mixing: Tensor
    public let latentDim: Int
    public var isTraining = true

    public init(latentDim d: Int, hidden h: Int, permutation: [Int], rng: inout RNG) {
        precondition(d >= 2 && permutation.count == d && Set(permutation) == Set(0..<d),
                     "AffineCoupling: need D >= 2 and a permutation of 0..<\(d)")
        latentDim = d
        let d1 = d / 2, d2 = d - d1
        net = Sequential([Linear(d1, h, rng: &rng), Activation.relu(), Linear(h, h, rng: &rng),
                          Activation.relu(), Linear(h, 2 * d2, rng: &rng)])
        var p = [Float](repeating: 0, count: d * d)
        for (j, i) in permutation.enumerated() { p[i * d + j] = 1 }
        mixing = Tensor(p, shape: [d, d])
    }

    public var localBuffers: [(String, Tensor)] { [("mixing", mixing)] }
    public var children: [(String, any Module)] { [("net", net)] }

    var halves: [Int] { [latentDim / 2, latentDim - latentDim / 2] }

    /// s = tanh(s~) and the shift b from the conditioning half [B, D1].
    func scaleAndShift(_ u1: Tensor) -> (s: Tensor, b: Tensor) {
        let d2 = halves[1]
        let parts = net(u1).split(sizes: [d2, d2], axis: 1)
        return (parts[0].tanh(), parts[1])
    }

    /// y [B, D] and log|det dy/dx| [B].
    public func forward(_ x: Tensor) -> (y: Tensor, logDeterminant: Tensor) {
        let u = matmul(x, mixing).split(sizes: halves, axis: 1)
        let (s, b) = scaleAndShift(u[0])
        let y2 = u[1] * s.exp() + b
        return (concat([u[0], y2], axis: 1), s.sum(axes: [1]))
    }

    /// x [B, D] with forward(x).y = y.
    public func inverse(_ y: Tensor) -> Tensor {
        let v = y.split(sizes: halves, axis: 1)
        let (s, b) = scaleAndShift(v[0])
        let u2 = (v[1] - b) * (-s).exp()
        return matmul(concat([v[0], u2], axis: 1), mixing, transposeB: true)
    }
}
