import Foundation

/// Optional figures of a whole experiment; every path is relative to `DIR/NAME/`
/// (normally under `figures/`) and must exist when the site is built.
public struct ExperimentFigures: Codable, Sendable, Equatable {
    /// Grid of real training images (PNG).
    public var realSamples: String?
    /// Grid of generator samples (PNG).
    public var generatedSamples: String?
    /// One side-effect strip per attribute: every editor edits that attribute.
    public var sideEffectStrips: [SideEffectStripFigure]?

    enum CodingKeys: String, CodingKey {
        case realSamples = "real_samples", generatedSamples = "generated_samples"
        case sideEffectStrips = "side_effect_strips"
    }
    public init(realSamples: String? = nil, generatedSamples: String? = nil,
                sideEffectStrips: [SideEffectStripFigure]? = nil) {
        self.realSamples = realSamples; self.generatedSamples = generatedSamples; self.sideEffectStrips = sideEffectStrips
    }
}

/// The strip PNG (one row per editor) and the SVG plot of every attribute along the path.
public struct SideEffectStripFigure: Codable, Sendable, Equatable {
    public var attribute: String
    public var image: String
    public var plot: String?
    public init(attribute: String, image: String, plot: String? = nil) {
        self.attribute = attribute; self.image = image; self.plot = plot
    }
}

/// Optional figures of one editor.
public struct EditorFigures: Codable, Sendable, Equatable {
    /// One traversal per matched attribute (or per direction).
    public var traversals: [TraversalFigure]?
    /// The O/V/B/S commutativity grid (PNG).
    public var commutativityGrid: String?

    enum CodingKeys: String, CodingKey { case traversals, commutativityGrid = "commutativity_grid" }
    public init(traversals: [TraversalFigure]? = nil, commutativityGrid: String? = nil) {
        self.traversals = traversals; self.commutativityGrid = commutativityGrid
    }
}

/// A traversal strip of direction `direction` (rows latents, columns t in [-T, T])
/// and, optionally, the slider sprite sheet: `frames` frames of `frame_width` x
/// `frame_height` pixels laid side by side in one row.
public struct TraversalFigure: Codable, Sendable, Equatable {
    public var direction: Int
    /// Matched attribute key, if any.
    public var attribute: String?
    public var strip: String
    public var sprite: String?
    public var frames: Int?
    public var frameWidth: Int?
    public var frameHeight: Int?
    /// Largest |t| shown; when absent the site assumes the editor's `strength` for the attribute.
    public var tMax: Double?

    enum CodingKeys: String, CodingKey {
        case direction, attribute, strip, sprite, frames, frameWidth = "frame_width", frameHeight = "frame_height"
        case tMax = "t_max"
    }
    public init(direction: Int, attribute: String? = nil, strip: String, sprite: String? = nil,
                frames: Int? = nil, frameWidth: Int? = nil, frameHeight: Int? = nil, tMax: Double? = nil) {
        self.direction = direction; self.attribute = attribute; self.strip = strip; self.sprite = sprite
        self.frames = frames; self.frameWidth = frameWidth; self.frameHeight = frameHeight; self.tMax = tMax
    }
}
