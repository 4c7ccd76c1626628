// The generative factors of one sprite and the ranges they are drawn from.

/// The factors of one sprite, in the units the attribute measurers report:
/// positions and size in pixels of the 32x32 frame (continuous coordinates: the
/// frame spans [0, 32], pixel (x, y) is the square [x, x+1] x [y, y+1] with its
/// centre at x + 0.5), rotation and hue in degrees, background as a grey level.
public struct SpriteFactors: Equatable, Sendable, Codable {
    public var shape: SpriteShape
    /// V: the foreground centroid's row coordinate (pixels from the top edge).
    public var centerY: Double
    /// H: the foreground centroid's column coordinate (pixels from the left edge).
    public var centerX: Double
    /// S: half-side of the equal-area square, pixels; every shape has area 4 s^2.
    public var size: Double
    /// Rotation of the shape about its centroid, degrees (a nuisance factor: not measured).
    public var rotation: Double
    /// C: foreground hue, degrees in [0, 360), drawn at full saturation and value.
    public var hue: Double
    /// B: background grey level in [0, 1] (0 black, 1 white) before mapping to [-1, 1].
    public var background: Double

    public init(shape: SpriteShape, centerY: Double, centerX: Double, size: Double,
                rotation: Double, hue: Double, background: Double) {
        self.shape = shape
        self.centerY = centerY
        self.centerX = centerX
        self.size = size
        self.rotation = rotation
        self.hue = hue
        self.background = background
    }

    /// The factor an attribute key names (V, H, S, B, C), or nil.
    public func value(forKey key: String) -> Double? {
        switch key {
        case "V": centerY
        case "H": centerX
        case "S": size
        case "B": background
        case "C": hue
        case "R": rotation
        default: nil
        }
    }
}

/// The uniform ranges the factors are drawn from (each independently; the shape
/// class uniformly from `shapes`).
///
/// Defaults, for the 32x32 frame:
/// - size s in [4, 6] px (half-side of the square; the smallest square is 8x8 px);
/// - centre x and y in [11, 21] px: the farthest point of the largest shape
///   (triangle, reach 1.755 s = 10.53 px at s = 6) stays inside [0.47, 31.53];
/// - rotation in [0, 360) degrees; hue in [0, 360) degrees;
/// - background grey in [0.2, 0.8] (foreground is a pure hue: max channel 1, min 0).
public struct SpriteFactorRanges: Equatable, Sendable, Codable {
    public var size: ClosedRange<Double> = 4 ... 6
    public var centerY: ClosedRange<Double> = 11 ... 21
    public var centerX: ClosedRange<Double> = 11 ... 21
    public var rotation: ClosedRange<Double> = 0 ... 360
    public var hue: ClosedRange<Double> = 0 ... 360
    public var background: ClosedRange<Double> = 0.2 ... 0.8
    public var shapes: [SpriteShape] = SpriteShape.allCases

    public init() {}

    public static let standard = SpriteFactorRanges()

    /// Draws one set of factors. The draw order is fixed (part of the data format).
    public func sample(_ rng: inout DatasetRNG) -> SpriteFactors {
        let shape = shapes.isEmpty ? .square : shapes[rng.nextIndex(below: shapes.count)]
        let centerY = rng.nextDouble(in: centerY)
        let centerX = rng.nextDouble(in: centerX)
        let size = rng.nextDouble(in: size)
        let rotation = rng.nextDouble(in: rotation)
        var hue = rng.nextDouble(in: hue).truncatingRemainder(dividingBy: 360)
        if hue < 0 { hue += 360 }
        let background = rng.nextDouble(in: background)
        return SpriteFactors(shape: shape, centerY: centerY, centerX: centerX, size: size,
                             rotation: rotation, hue: hue, background: background)
    }

    /// Whether every sprite drawn from these ranges lies inside a frame of `side` pixels.
    public func keepsShapesInside(frame side: Double = 32) -> Bool {
        let reach = size.upperBound * (shapes.map(\.reach).max() ?? 0)
        return centerY.lowerBound - reach >= 0 && centerY.upperBound + reach <= side
            && centerX.lowerBound - reach >= 0 && centerX.upperBound + reach <= side
    }
}
