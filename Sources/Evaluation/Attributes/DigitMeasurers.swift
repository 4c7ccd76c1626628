// The digit attributes W, T, A and height, from ink moments (InkMoments) and the
// ink skeleton (Skeleton). All are 0 for an image without ink.

import Datasets
import Foundation

/// W: width of the deskewed digit, px: 4 sqrt(mu20 - mu11^2 / mu02), i.e. +-2 standard
/// deviations of the ink's x after removing the slant, so a shear leaves it unchanged
/// while a horizontal stretch by k scales it by k.
public struct DigitWidth: AttributeMeasurer {
    public init() {}
    public var key: String { "W" }
    public var name: String { "width" }
    public var unit: String { "px" }
    public func measure(_ image: PlanarImage) -> Double { 4 * InkMoments(image).deskewedVarianceX.squareRoot() }
}

/// Height, px: 4 sqrt(mu02) (+-2 standard deviations of the ink's y).
public struct DigitHeight: AttributeMeasurer {
    public init() {}
    public var key: String { "Ht" }
    public var name: String { "height" }
    public var unit: String { "px" }
    public func measure(_ image: PlanarImage) -> Double { 4 * InkMoments(image).mu02.squareRoot() }
}

/// A: slant angle, degrees, positive when the top leans right: atan of the shear
/// -mu11 / mu02 that the classic moment deskewing removes. A shear x' = x + s (up)
/// adds s to the shear, so A = atan(s0 + s) is monotone in s.
public struct DigitSlant: AttributeMeasurer {
    public init() {}
    public var key: String { "A" }
    public var name: String { "slant angle" }
    public var unit: String { "degrees" }
    public func measure(_ image: PlanarImage) -> Double { atan(InkMoments(image).slant) * 180 / Double.pi }
}

/// T: stroke thickness, px: ink area over skeleton length, corrected for stroke ends.
/// Ink area is the sum of the soft ink weights; the skeleton is the Zhang-Suen thinning
/// of the ink thresholded at 1/2 (Skeleton.thin), its length L counts unit and diagonal
/// (sqrt 2) steps. Thinning stops about t/2 short of each of the e stroke ends, so a
/// stroke of width t has area ~ t L + e t^2 / 2; T is the positive root of
/// (e / 2) t^2 + L t - area = 0 (area / L when there are no ends, as in a 0).
public struct DigitThickness: AttributeMeasurer {
    public init() {}
    public var key: String { "T" }
    public var name: String { "stroke thickness" }
    public var unit: String { "px" }

    public func measure(_ image: PlanarImage) -> Double {
        let moments = InkMoments(image)
        guard moments.mass > 0 else { return 0 }
        let binary = moments.ink.map { $0 >= 0.5 }
        let skeleton = Skeleton.thin(binary, width: moments.width, height: moments.height)
        let length = Skeleton.length(skeleton, width: moments.width, height: moments.height)
        let ends = Double(Skeleton.endpoints(skeleton, width: moments.width, height: moments.height))
        if ends == 0 { return length > 0 ? moments.mass / length : moments.mass.squareRoot() }
        return (-length + (length * length + 2 * ends * moments.mass).squareRoot()) / ends
    }
}
