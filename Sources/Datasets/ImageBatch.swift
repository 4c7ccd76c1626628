// Images as plain values, independent of the Tensor engine: one contiguous NCHW
// Float array in [-1, 1] (-1 black, +1 full intensity), so converting to a Tensor
// is a copy of `pixels` with shape [N, C, H, W].

/// One image, CHW, values in [-1, 1].
public struct PlanarImage: Equatable, Sendable {
    public var channels: Int
    public var height: Int
    public var width: Int
    public var pixels: [Float]

    public init(channels: Int, height: Int, width: Int, pixels: [Float]) {
        precondition(pixels.count == channels * height * width, "PlanarImage: pixel count does not match C*H*W")
        self.channels = channels
        self.height = height
        self.width = width
        self.pixels = pixels
    }

    public init(channels: Int, height: Int, width: Int, filledWith value: Float) {
        self.init(channels: channels, height: height, width: width,
                  pixels: [Float](repeating: value, count: channels * height * width))
    }

    public subscript(channel: Int, y: Int, x: Int) -> Float {
        get { pixels[(channel * height + y) * width + x] }
        set { pixels[(channel * height + y) * width + x] = newValue }
    }
}

/// N images of one shape, NCHW, values in [-1, 1].
public struct ImageBatch: Equatable, Sendable {
    public var count: Int
    public var channels: Int
    public var height: Int
    public var width: Int
    public var pixels: [Float]

    public var shape: [Int] { [count, channels, height, width] }
    public var imageSize: Int { channels * height * width }

    public init(count: Int, channels: Int, height: Int, width: Int, pixels: [Float]) {
        precondition(pixels.count == count * channels * height * width,
                     "ImageBatch: pixel count does not match N*C*H*W")
        self.count = count
        self.channels = channels
        self.height = height
        self.width = width
        self.pixels = pixels
    }

    /// Stacks images of one shape (an empty list gives an empty batch of the given shape).
    public init(images: [PlanarImage], channels: Int, height: Int, width: Int) {
        var pixels: [Float] = []
        pixels.reserveCapacity(images.count * channels * height * width)
        for image in images {
            precondition(image.channels == channels && image.height == height && image.width == width,
                         "ImageBatch: images differ in shape")
            pixels.append(contentsOf: image.pixels)
        }
        self.init(count: images.count, channels: channels, height: height, width: width, pixels: pixels)
    }

    public func image(at index: Int) -> PlanarImage {
        let start = index * imageSize
        return PlanarImage(channels: channels, height: height, width: width,
                     pixels: Array(pixels[start ..< start + imageSize]))
    }

    public var images: [PlanarImage] { (0 ..< count).map { image(at: $0) } }

    /// The images at `indices`, in that order.
    public func gathering(_ indices: [Int]) -> ImageBatch {
        precondition(indices.allSatisfy { $0 >= 0 && $0 < count }, "ImageBatch.gathering: index out of range")
        var out = [Float](repeating: 0, count: indices.count * imageSize)
        let size = imageSize
        pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for (row, index) in indices.enumerated() {
                    (target.baseAddress! + row * size)
                        .update(from: source.baseAddress! + index * size, count: size)
                }
            }
        }
        return ImageBatch(count: indices.count, channels: channels, height: height, width: width, pixels: out)
    }
}
