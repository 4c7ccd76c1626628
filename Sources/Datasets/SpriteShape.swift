// The sprite shape classes and their analytic inside-tests.
//
// Every shape is described in its own frame, in units of the size factor s (the
// half-side of the square): a point (u, v) of the shape's frame is the pixel-space
// offset from the shape's centroid, rotated by -rotation and divided by s. All
// shapes have the same area, 4 s^2 (that of the square), so the size measurer
// sqrt(area) = 2 s does not depend on the shape class; and every shape's centroid
// is its centre, so the position factors are the foreground centroid.

import Foundation

public enum SpriteShape: Int, CaseIterable, Sendable, Codable {
    case square = 0
    case ellipse = 1
    case triangle = 2

    public var name: String {
        switch self {
        case .square: "square"
        case .ellipse: "ellipse"
        case .triangle: "triangle"
        }
    }

    /// Ellipse semi-axes with aspect ratio 3:2 and area pi a b = 4.
    static let ellipseA = (4.0 * 1.5 / Double.pi).squareRoot()   // 1.382
    static let ellipseB = ellipseA / 1.5                           // 0.921
    /// Equilateral triangle of area (3 sqrt 3 / 4) R^2 = 4: circumradius R, inradius R / 2.
    static let triangleR = (16.0 / (3.0 * 3.0.squareRoot())).squareRoot() // 1.755

    /// The largest distance from the centroid to a point of the shape, in units of s:
    /// bounds the shape under any rotation (used to keep sprites inside the frame).
    public var reach: Double {
        switch self {
        case .square: 2.0.squareRoot()
        case .ellipse: SpriteShape.ellipseA
        case .triangle: SpriteShape.triangleR
        }
    }

    /// The largest reach of any shape class.
    public static var maximumReach: Double { allCases.map(\.reach).max() ?? 0 }

    /// Whether the point (u, v) of the shape's frame (units of s) is inside the shape.
    /// The triangle points up (towards -v, i.e. the top of the image) at rotation 0.
    @inline(__always)
    public func contains(u: Double, v: Double) -> Bool {
        switch self {
        case .square:
            return abs(u) <= 1 && abs(v) <= 1
        case .ellipse:
            let a = u / SpriteShape.ellipseA, b = v / SpriteShape.ellipseB
            return a * a + b * b <= 1
        case .triangle:
            // Three half-planes n_k . p <= R / 2 with outward normals at 90, 210, 330
            // degrees (image y down: 90 degrees is the bottom edge).
            let r = SpriteShape.triangleR * 0.5
            let c = 0.5 * 3.0.squareRoot()
            return v <= r && (-c * u - 0.5 * v) <= r && (c * u - 0.5 * v) <= r
        }
    }
}
