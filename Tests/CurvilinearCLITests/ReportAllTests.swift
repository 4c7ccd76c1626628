import Datasets
import Foundation
import XCTest

/// `curvilinear report --all` with the real stage work: a tiny sprites experiment and a
/// tiny digits experiment (an IDX set written by the test, read by the digits measurers,
/// as MNIST is) published as one site.
final class ReportAllTests: CLIProcessTestCase {
    /// 120 images of 28 x 28: a bar of random length, angle and thickness, labels 0...9.
    func writeDigits(to folder: URL) throws {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let count = 120, side = 28
        var pixels = [UInt8](repeating: 0, count: count * side * side), labels: [UInt8] = []
        for n in 0..<count {
            let angle = next() * .pi, length = 6 + 6 * next(), width = 1 + 2 * next()
            for y in 0..<side {
                for x in 0..<side {
                    let dx = Double(x) - 14, dy = Double(y) - 14
                    let along = dx * cos(angle) + dy * sin(angle), across = -dx * sin(angle) + dy * cos(angle)
                    if abs(along) < length, abs(across) < width { pixels[n * side * side + y * side + x] = 255 }
                }
            }
            labels.append(UInt8(n % 10))
        }
        try IDX.write(IDX.encode(IDXImages(count: count, rows: side, columns: side, pixels: pixels)),
                      to: folder.appendingPathComponent("digits-images-idx3-ubyte"))
        try IDX.write(IDX.encode(labels: labels), to: folder.appendingPathComponent("digits-labels-idx1-ubyte"))
    }

    func testReportAllPublishesSpritesAndDigitsInOneSite() throws {
        let working = try workingFolder()
        try writeConfig(in: working, linearSteps: 2)
        try String(contentsOf: working.appendingPathComponent("experiments/tiny.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "name: tiny\ntitle: Tiny interrupted", with: "name: sprites\ntitle: Tiny sprites")
            .write(to: working.appendingPathComponent("experiments/sprites.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: working.appendingPathComponent("experiments/tiny.yaml"))
        try writeDigits(to: working)
        try """
        name: mnist
        title: Tiny digits
        seed: 1
        dataset: {kind: idx, images: digits-images-idx3-ubyte, labels: digits-labels-idx1-ubyte, measurers: digits}
        generator: {width: 4, latent_dim: 8, quality_samples: 200, train: {steps: 2, batch: 4}}
        editors:
          - {kind: linear, directions: 3, steps: 2, batch: 4}
          - {kind: sefa, directions: 3}
        evaluation: {latents: 4, points: 3, attributes: [W, T, A]}
        render: {latents: 1, steps: 3, frames: 2, commutativity: [A, T, W]}
        """.write(to: working.appendingPathComponent("experiments/mnist.yaml"), atomically: true, encoding: .utf8)

        let run = try report(in: working, ["--all"])
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertEqual(run.outcomes.count, 9 + 8 + 1, run.errors)
        XCTAssertEqual(run.outcomes["site"], "ran")
        let files = FileManager.default
        let site = working.appendingPathComponent("site")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("Tiny sprites") && index.contains("Tiny digits"))
        for page in ["experiment-sprites.html", "experiment-mnist.html", "gallery.html", "method.html"] {
            XCTAssertTrue(files.fileExists(atPath: site.appendingPathComponent(page).path), page)
        }
        for name in ["mnist", "sprites"] {
            XCTAssertTrue(files.fileExists(atPath: working.appendingPathComponent("runs/results/\(name)/results.json").path))
        }
        XCTAssertEqual(leftovers(in: working), [])
    }
}
