import XCTest
@testable import Render

final class ChartTests: XCTestCase {
    func testHeatmapShowsEveryValueEscapesLabelsAndMarksDiagonal() throws {
        let svg = try Heatmap(title: "S <&>", rowLabels: ["V", "<b>"], columnLabels: ["V", "<b>"],
                              matrix: [[100, 12.34], [5, 100]]).svg()
        XCTAssertTrue(svg.contains(">12.3<")); XCTAssertTrue(svg.contains(">5.0<")); XCTAssertTrue(svg.contains(">100<"))
        XCTAssertTrue(svg.contains("&lt;b&gt;")); XCTAssertFalse(svg.contains("<b>"))
        XCTAssertEqual(svg.components(separatedBy: "stroke-dasharray").count - 1, 2)
        XCTAssertTrue(svg.contains("linearGradient"))
        XCTAssertTrue(svg.contains("prefers-color-scheme: dark"))
    }

    func testHeatmapRejectsWrongShape() {
        XCTAssertThrowsError(try Heatmap(title: "x", rowLabels: ["a"], columnLabels: ["a", "b"], matrix: [[1]]).svg())
    }

    func testBarChartHasOneBarPerFiniteValueAxesAndLegend() throws {
        let svg = try GroupedBarChart(title: "c", yLabel: "error (%)", categories: ["V/B", "V/S"],
                                      series: [("linear", [1, 2]), ("warped", [10, .nan])]).svg()
        XCTAssertEqual(svg.components(separatedBy: "<rect x=").count - 1, 3 + 2) // 3 bars + 2 legend swatches
        XCTAssertTrue(svg.contains(">warped<")); XCTAssertTrue(svg.contains("error (%)"))
        XCTAssertThrowsError(try GroupedBarChart(title: "c", yLabel: "", categories: ["a"], series: [("x", [1, 2])]).svg())
    }

    func testNiceScaleCoversMaximum() {
        for m in [0.3, 1, 7, 42, 99.9, 1234] {
            let s = SVG.niceScale(m)
            XCTAssertGreaterThanOrEqual(s.max, m); XCTAssertLessThanOrEqual(s.max, m * 2.6 + 1)
        }
    }

    func testLinePlotDrawsOnePolylinePerSeriesAndPanel() throws {
        let svg = try LinePlot(title: "p", x: [-1, 0, 1], xLabel: "t", yLabel: "Δ/σ", panels: [
            .init(title: "linear", series: [("V", [0, 1, 2]), ("H", [0, 0, 0.1])]),
            .init(title: "warped", series: [("V", [0, 1, 2]), ("H", [0, 0.5, 1])]),
        ]).svg()
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 4)
        XCTAssertThrowsError(try LinePlot(title: "p", x: [0, 1], xLabel: "", yLabel: "", panels: [.init(title: "a", series: [("V", [1])])]).svg())
    }

    func testSideEffectStripReturnsImageAndPlot() throws {
        let img = PixelImage(width: 4, height: 4, color: .white)
        let r = try Figures.sideEffectStrip(attribute: "V", t: [-1, 0, 1], rows: [("linear", [img, img, img])],
                                            measured: [("linear", [("V", [-1, 0, 1])])])
        XCTAssertGreaterThan(r.image.width, 12); XCTAssertTrue(r.plot.contains("<polyline"))
    }

    func testSliderSheetAndWidget() throws {
        let frames = (0..<5).map { i in PixelImage(width: 4, height: 3, color: RGB(Float(i) / 4, 0, 0)) }
        let sheet = try Slider.spriteSheet(frames, scale: 2)
        XCTAssertEqual(sheet.width, 5 * 8); XCTAssertEqual(sheet.height, 6)
        XCTAssertEqual(sheet.rgb(8 * 4 + 1, 1).r, 1, accuracy: 1e-6)
        let html = Slider.widget(id: "s\"1", src: "data/x.png", frames: 5, frameWidth: 8, frameHeight: 6, label: "V <up>", tMin: -2, tMax: 2)
        XCTAssertTrue(html.contains("max=\"4\"")); XCTAssertTrue(html.contains("V &lt;up&gt;")); XCTAssertTrue(html.contains("s&quot;1"))
        XCTAssertTrue(html.contains("background-position:-16px 0"))
        XCTAssertFalse(html.contains("\n"), "the widget must be one line to stay one Markdown HTML block")
    }
}
