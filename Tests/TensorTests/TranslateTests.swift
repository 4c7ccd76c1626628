import XCTest
import Tensor

/// Whole-pixel translation: exact outputs by hand (the gradient check is in GradientTests).
final class TranslateTests: XCTestCase {
    /// One 1x3x3 image 1...9 moved down-right, up-left, not at all, and out of the frame.
    func testMovesContentAndZeroFills() {
        let image: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        let x = Tensor(Array([image, image, image, image].joined()), shape: [4, 1, 3, 3])
        let y = x.translated(by: [(dy: 1, dx: 1), (dy: -1, dx: -2), (dy: 0, dx: 0), (dy: 3, dx: 0)])
        let downRight: [Float] = [0, 0, 0,
                                  0, 1, 2,
                                  0, 4, 5]
        let upLeft: [Float] = [6, 0, 0,
                               9, 0, 0,
                               0, 0, 0]
        let gone = [Float](repeating: 0, count: 9)
        XCTAssertEqual(y.scalars, Array([downRight, upLeft, image, gone].joined()))
    }

    /// Every channel of an image moves by that image's offset.
    func testAllChannelsMoveTogether() {
        let x = Tensor([1, 2, 3, 4, 5, 6, 7, 8], shape: [1, 2, 2, 2])
        XCTAssertEqual(x.translated(by: [(dy: 0, dx: 1)]).scalars, [0, 1, 0, 3, 0, 5, 0, 7])
    }
}
