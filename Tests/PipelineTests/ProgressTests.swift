import Foundation
import XCTest
@testable import Pipeline

final class ProgressTests: XCTestCase {
    func testFormatting() {
        XCTAssertEqual(ProgressFormat.duration(0), "0:00")
        XCTAssertEqual(ProgressFormat.duration(75.4), "1:15")
        XCTAssertEqual(ProgressFormat.duration(3725), "1:02:05")
        XCTAssertEqual(ProgressFormat.duration(nil), "--:--")
        XCTAssertEqual(ProgressFormat.number(1.23456), "1.235")
        XCTAssertEqual(ProgressFormat.number(0.000123456), "0.0001235")
        XCTAssertEqual(ProgressFormat.bytes(512), "512 B")
        XCTAssertEqual(ProgressFormat.bytes(1536), "1.5 KiB")
        XCTAssertEqual(ProgressFormat.bytes(12 * 1024 * 1024), "12.0 MiB")
        XCTAssertEqual(ProgressFormat.seconds(12.34), "12.3 s")
        XCTAssertEqual(ProgressFormat.seconds(185), "3:05")
    }

    func testPlainLine() {
        XCTAssertEqual(ProgressFormat.plainLine(label: "editor-linear", completed: 500, total: 2000, elapsed: 12,
                                                fields: [("loss", 1.23456), ("acc", 0.5)]),
                       "editor-linear  500/2000  25%  elapsed 0:12  eta 0:36  loss 1.235  acc 0.5  41.67/s")
        XCTAssertEqual(ProgressFormat.plainLine(label: "data", completed: 0, total: 10, elapsed: 0, fields: []),
                       "data  0/10  0%  elapsed 0:00  eta --:--")
    }

    func testBarLine() {
        XCTAssertEqual(ProgressFormat.barLine(label: "gan", completed: 1, total: 4, elapsed: 2, fields: [("d", 0.5)], width: 8),
                       "gan [##......]  25%  1/4  eta 0:06  d 0.5  0.5/s")
    }

    func testLinesModePrintsAtBoundariesAndIntervalsThenTheEnd() {
        let journal = Journal()
        let clock = FakeClock()
        let reporter = ProgressReporter(mode: .lines, interval: 5, percentStep: 25, clock: { clock.now }, sink: { journal.write($0) })
        let task = reporter.task("train", total: 100)
        for step in 1...100 {
            clock.advance(0.5)
            task.update(step, fields: [("loss", 1.0 / Double(step))])
        }
        task.finish()
        task.finish()
        XCTAssertEqual(journal.output, """
        train  10/100  10%  elapsed 0:05  eta 0:45  loss 0.1  2/s
        train  20/100  20%  elapsed 0:10  eta 0:40  loss 0.05  2/s
        train  25/100  25%  elapsed 0:13  eta 0:38  loss 0.04  2/s
        train  35/100  35%  elapsed 0:18  eta 0:33  loss 0.02857  2/s
        train  45/100  45%  elapsed 0:23  eta 0:28  loss 0.02222  2/s
        train  50/100  50%  elapsed 0:25  eta 0:25  loss 0.02  2/s
        train  60/100  60%  elapsed 0:30  eta 0:20  loss 0.01667  2/s
        train  70/100  70%  elapsed 0:35  eta 0:15  loss 0.01429  2/s
        train  75/100  75%  elapsed 0:38  eta 0:13  loss 0.01333  2/s
        train  85/100  85%  elapsed 0:43  eta 0:08  loss 0.01176  2/s
        train  95/100  95%  elapsed 0:48  eta 0:03  loss 0.01053  2/s
        train  100/100  100%  elapsed 0:50  eta 0:00  loss 0.01  2/s

        """)
    }

    func testQuietPrintsNothing() {
        let journal = Journal()
        let reporter = ProgressReporter(mode: .quiet, sink: { journal.write($0) })
        reporter.log("[1/1] x ...")
        let task = reporter.task("x", total: 3)
        task.update(3)
        task.finish()
        XCTAssertEqual(journal.output, "")
    }

    func testTerminalModeRedrawsOneLineAndClearsItBeforeALog() {
        let journal = Journal()
        let clock = FakeClock()
        let reporter = ProgressReporter(mode: .terminal, clock: { clock.now }, sink: { journal.write($0) })
        let task = reporter.task("t", total: 2)
        clock.advance(1)
        task.update(1)
        task.update(2) // within 0.1 s of the last draw: not drawn, but finish shows it
        task.finish()
        let clear = "\r\u{1B}[2K"
        XCTAssertEqual(journal.output, clear + "t [##############..............]  50%  1/2  eta 0:01  1/s"
                       + clear + "t  2/2  100%  elapsed 0:01  eta 0:00  2/s\n")
    }

    func testRunSummary() {
        var summary = RunSummary()
        let base = URL(fileURLWithPath: "/w")
        summary.entries = [
            .init(stage: "sprites/data", outcome: .cached, seconds: 0, folder: URL(fileURLWithPath: "/w/runs/sprites/data-aa")),
            .init(stage: "sprites/editor-linear", outcome: .ran, seconds: 12.34, folder: URL(fileURLWithPath: "/w/runs/sprites/editor-linear-bb")),
        ]
        summary.totalSeconds = 12.5
        summary.site = URL(fileURLWithPath: "/w/site")
        XCTAssertEqual(summary.formatted(relativeTo: base), """
        summary: 1 ran, 1 cached, 12.5 s in all
          sprites/data           cached  runs/sprites/data-aa
          sprites/editor-linear  ran     12.3 s  runs/sprites/editor-linear-bb
        site: site/index.html
        """)
    }
}
