import ArgumentParser
import Foundation
import XCTest
@testable import CurvilinearCLI

/// Golden tests of every help text at 80 columns. After an intended change,
/// regenerate with `UPDATE_GOLDEN=1 swift test --filter CLIHelpTests` and
/// review the diff of Tests/CurvilinearCLITests/Golden/.
final class CLIHelpTests: XCTestCase {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ name: String, _ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.golden.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(text + "\n", expected, "help of \(name) differs from Golden/\(name).txt", file: file, line: line)
    }

    /// The root help up to its subcommand list is golden; the list itself
    /// grows as other developers add commands (site, bench), so it is only
    /// checked to name each pipeline command.
    func testRootHelp() throws {
        let help = Curvilinear.helpMessage(columns: 80)
        let parts = help.components(separatedBy: "SUBCOMMANDS:\n")
        XCTAssertEqual(parts.count, 2)
        try check("root", parts[0] + "SUBCOMMANDS:")
        let listed = parts[1].split(separator: "\n").compactMap { $0.hasPrefix("  ") && !$0.hasPrefix("   ") ?
            $0.split(separator: " ").first.map(String.init) : nil }
        for (name, _) in Self.commands { XCTAssertTrue(listed.contains(name), "\(name) missing from: \(listed)") }
    }

    /// Every subcommand but bench, whose help has no examples yet (BenchCommand.swift is
    /// owned by the Tensor speed work); its help is golden all the same.
    static let commands: [(String, ParsableCommand.Type)] = [
        ("report", ReportCommand.self), ("data", DataCommand.self), ("train-gan", TrainGANCommand.self),
        ("eval-gan", EvalGANCommand.self), ("train-vae", TrainVAECommand.self),
        ("train-editor", TrainEditorCommand.self), ("evaluate", EvaluateCommand.self),
        ("render", RenderCommand.self), ("status", StatusCommand.self), ("site", SiteCommand.self),
    ]

    func testSubcommandHelp() throws {
        for (name, command) in Self.commands + [("bench", BenchCommand.self)] {
            try check(name, Curvilinear.helpMessage(for: command, columns: 80))
        }
    }

    func testEverySubcommandHasExamples() {
        for (_, command) in Self.commands {
            XCTAssertTrue(command.configuration.discussion.contains("Examples:"), "\(command) has no examples")
        }
    }
}
