import Datasets
import Foundation
import XCTest

/// Synthetic transforms of grey digit images for the measurer tests. Geometric ones
/// resample bilinearly about the ink centroid (out-of-frame samples are black, -1).
enum DigitTransforms {
    static func inkCentroid(_ image: PlanarImage) -> (x: Double, y: Double) {
        var m = 0.0, sx = 0.0, sy = 0.0
        for y in 0 ..< image.height {
            for x in 0 ..< image.width {
                let w = Double(image[0, y, x] + 1) / 2
                m += w; sx += w * (Double(x) + 0.5); sy += w * (Double(y) + 0.5)
            }
        }
        return m > 0 ? (sx / m, sy / m) : (Double(image.width) / 2, Double(image.height) / 2)
    }

    /// out(x, y) = in(source(x, y)) with bilinear interpolation, coordinates of pixel centres.
    static func resample(_ image: PlanarImage, source: (Double, Double) -> (Double, Double)) -> PlanarImage {
        var out = PlanarImage(channels: 1, height: image.height, width: image.width, filledWith: -1)
        func at(_ x: Int, _ y: Int) -> Double {
            (x >= 0 && y >= 0 && x < image.width && y < image.height) ? Double(image[0, y, x]) : -1
        }
        for y in 0 ..< image.height {
            for x in 0 ..< image.width {
                let (sx, sy) = source(Double(x) + 0.5, Double(y) + 0.5)
                let fx = sx - 0.5, fy = sy - 0.5
                let x0 = Int(floor(fx)), y0 = Int(floor(fy))
                let ax = fx - Double(x0), ay = fy - Double(y0)
                let top = at(x0, y0) * (1 - ax) + at(x0 + 1, y0) * ax
                let bottom = at(x0, y0 + 1) * (1 - ax) + at(x0 + 1, y0 + 1) * ax
                out[0, y, x] = Float(top * (1 - ay) + bottom * ay)
            }
        }
        return out
    }

    /// Horizontal stretch by `factor` about the ink centroid.
    static func stretch(_ image: PlanarImage, by factor: Double) -> PlanarImage {
        let c = inkCentroid(image)
        return resample(image) { x, y in (c.x + (x - c.x) / factor, y) }
    }

    /// Shear that moves the top right: x' = x + s (c_y - y), i.e. s px per px upwards.
    static func shear(_ image: PlanarImage, by s: Double) -> PlanarImage {
        let c = inkCentroid(image)
        return resample(image) { x, y in (x - s * (c.y - y), y) }
    }

    /// Grey dilation `steps` times: each step takes the max over the pixel and its 4 neighbours.
    static func dilate(_ image: PlanarImage, steps: Int) -> PlanarImage {
        var current = image
        for _ in 0 ..< steps {
            var next = current
            for y in 0 ..< image.height {
                for x in 0 ..< image.width {
                    var v = current[0, y, x]
                    for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                        let nx = x + dx, ny = y + dy
                        if nx >= 0, ny >= 0, nx < image.width, ny < image.height { v = max(v, current[0, ny, nx]) }
                    }
                    next[0, y, x] = v
                }
            }
            current = next
        }
        return current
    }

    static func realDigits() throws -> [PlanarImage] {
        let images = try XCTUnwrap(Bundle.module.url(forResource: "digits-images-idx3-ubyte.gz", withExtension: nil,
                                                     subdirectory: "Fixtures"))
        return try DigitImages.load(images: images, labels: nil).images.images
    }
}
