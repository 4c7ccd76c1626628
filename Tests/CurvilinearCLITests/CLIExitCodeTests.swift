import Foundation
import Generators
import NN
import Pipeline
import Tensor
import TestSupport
import XCTest
@testable import CurvilinearCLI

/// Exit codes (0 success, 1 failure, 2 usage error) and the one-line error
/// messages, through the same wrapper `main` uses.
final class CLIExitCodeTests: XCTestCase {
    struct Outcome {
        var code: Int32
        var output: String
        var errors: String
    }

    func execute(_ arguments: [String]) -> Outcome {
        var output = "", errors = ""
        let code = CommandOutcome.execute(arguments, output: { output += $0 + "\n" }, errors: { errors += $0 + "\n" })
        return Outcome(code: code, output: output, errors: errors)
    }

    func testHelpAndVersionSucceed() {
        XCTAssertEqual(execute([]).code, 0)
        XCTAssertEqual(execute(["--help"]).code, 0)
        XCTAssertTrue(execute(["report", "--help"]).output.hasPrefix("OVERVIEW: Run an experiment end to end"))
        let version = execute(["--version"])
        XCTAssertEqual(version.code, 0)
        XCTAssertEqual(version.output, CodeVersion.package + "\n")
    }

    func testUsageErrorsExitWithTwo() {
        for arguments in [["report", "--bogus"], ["nosuchcommand"], ["report", "sprites", "--all"],
                          ["data", "--threads", "0"], ["status", "--threads", "many"], ["report", "a", "b"]] {
            let outcome = execute(arguments)
            XCTAssertEqual(outcome.code, 2, "\(arguments)")
            XCTAssertTrue(outcome.errors.hasPrefix("Error: "), "\(arguments): \(outcome.errors)")
            XCTAssertEqual(outcome.output, "")
        }
        XCTAssertTrue(execute(["report", "sprites", "--all"]).errors
            .hasPrefix("Error: give an experiment name or --all, not both (got 'sprites')\n"))
    }

    func testFailuresExitWithOneAndAOneLineErrorPlusHint() throws {
        let folder = try temporaryFolder()
        let missing = execute(["report", "nosuch", "--experiments-dir", folder.path, "--runs-dir", folder.path + "/runs"])
        XCTAssertEqual(missing.code, 1)
        XCTAssertEqual(missing.errors, """
        error: no experiment 'nosuch' in \(folder.path); available: none
        hint: experiments are content/experiments/NAME.yaml (or pass a path to a .yaml file)

        """)

        try "dataset: {kind: sprites}\neditors: [{kind: linear, stpes: 3}]\n"
            .write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = execute(["status", "bad", "--experiments-dir", folder.path])
        XCTAssertEqual(bad.code, 1)
        XCTAssertTrue(bad.errors.hasPrefix("error: \(folder.path)/bad.yaml:2: editors[0].stpes: unknown key; did you mean 'steps'?"),
                      bad.errors)
        XCTAssertTrue(bad.errors.hasSuffix("\nhint: every key, default and range is in content/experiments/README.md\n"))
        XCTAssertEqual(bad.errors.split(separator: "\n").count, 2)
    }

    func testAStageWhoseModuleHasNotLandedFailsWithOneLine() throws {
        let folder = try temporaryFolder()
        try writeTinyConfig(in: folder)
        let saved = Curvilinear.catalog
        defer { Curvilinear.catalog = saved }
        Curvilinear.catalog = StageCatalog()
        let outcome = execute(["data", "tiny", "--experiments-dir", folder.path, "--runs-dir", folder.path + "/runs", "--quiet"])
        XCTAssertEqual(outcome.code, 1)
        XCTAssertEqual(outcome.errors.split(separator: "\n").first,
                       "error: stage 'tiny/data' is not available yet: module Datasets is not wired into the pipeline")
    }

    func testAFailingStageIsNamedAndLeavesNoArtifact() throws {
        let folder = try temporaryFolder()
        try writeTinyConfig(in: folder)
        let saved = Curvilinear.catalog
        defer { Curvilinear.catalog = saved }
        let journal = CLIJournal()
        var catalog = fakeCatalog(journal)
        catalog.generator = { _, _, out in
            try Data("half".utf8).write(to: out.appendingPathComponent("weights.bin"))
            throw CocoaError(.fileWriteOutOfSpace)
        }
        Curvilinear.catalog = catalog
        let runs = folder.appendingPathComponent("runs")
        let outcome = execute(["train-gan", "tiny", "--experiments-dir", folder.path, "--runs-dir", runs.path, "--quiet"])
        XCTAssertEqual(outcome.code, 1)
        XCTAssertTrue(outcome.errors.hasPrefix("error: stage 'tiny/generator' failed: "), outcome.errors)
        XCTAssertTrue(outcome.errors.contains("\nhint: fix the cause and rerun"))
        let left = try FileManager.default.contentsOfDirectory(atPath: runs.appendingPathComponent("tiny").path)
        XCTAssertEqual(left.sorted().map { String($0.prefix(5)) }, ["data-", "ident"])
    }

    func testSiteWithoutAResultsFolderSaysWhatToRun() throws {
        let folder = try temporaryFolder()
        let outcome = execute(["site", "--results", folder.path + "/none"])
        XCTAssertEqual(outcome.code, 2)
        XCTAssertTrue(outcome.errors.hasPrefix("Error: --results \(folder.path)/none is not a folder; run `curvilinear report`"),
                      outcome.errors)
        XCTAssertEqual(outcome.output, "")
    }

    func testAGeneratorOfAnotherChannelCountIsRefusedByName() throws {
        // A grey (digits) generator on the sprites experiment: the classifier and measurers
        // read RGB, so eval-gan must refuse the file instead of reshaping it and trapping.
        let folder = try temporaryFolder()
        try writeTinyConfig(in: folder)
        var rng = RNG(seed: 1)
        let grey = DCGAN32Generator(latentDim: 8, width: 4, channels: 1, rng: &rng)
        let file = folder.appendingPathComponent("grey.safetensors")
        try grey.storedState().write(to: file)
        let outcome = execute(["eval-gan", "tiny", "--checkpoint", file.path, "--experiments-dir", folder.path, "--quiet"])
        XCTAssertEqual(outcome.code, 1)
        XCTAssertTrue(outcome.errors.hasPrefix("error: cannot read \(file.path): the generator makes 1-channel images, sprites has 3; "
            + "give a generator trained on sprites\n"), outcome.errors)
    }

    func testTrainingIntoAFolderWithACheckpointNeedsResume() throws {
        let folder = try temporaryFolder()
        try writeTinyConfig(in: folder)
        let run = folder.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        let state = run.appendingPathComponent("training.safetensors")
        try Data("an earlier run".utf8).write(to: state)
        let outcome = execute(["train-gan", "tiny", "--out", run.path, "--experiments-dir", folder.path, "--quiet"])
        XCTAssertEqual(outcome.code, 1)
        XCTAssertTrue(outcome.errors.hasPrefix("error: \(run.path) already holds a training checkpoint; pass --resume to continue it, "
            + "or give another --out folder\n"), outcome.errors)
        XCTAssertEqual(try String(contentsOf: state, encoding: .utf8), "an earlier run", "untouched")
    }

    /// Neither trainer writes over a trained model: a VAE has no --resume, so its folder (or
    /// a GAN's) is refused outright, naming the file, and left as it was.
    func testTrainingIntoAFolderWithATrainedModelIsRefused() throws {
        let folder = try temporaryFolder()
        try writeTinyConfig(in: folder)
        for (command, file) in [("train-vae", "encoder.safetensors"), ("train-vae", "generator.safetensors"),
                                ("train-vae", "training.safetensors"), ("train-gan", "generator.safetensors")] {
            let run = folder.appendingPathComponent("\(command)-\(file)")
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
            let existing = run.appendingPathComponent(file)
            try Data("an earlier run".utf8).write(to: existing)
            let outcome = execute([command, "tiny", "--out", run.path, "--experiments-dir", folder.path, "--quiet"])
            XCTAssertEqual(outcome.code, 1, command)
            XCTAssertEqual(outcome.errors.split(separator: "\n").first.map(String.init),
                           "error: \(run.path) already holds a trained model (\(file)); give another --out folder, "
                               + "or move it away to train afresh")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: run.path), [file])
            XCTAssertEqual(try String(contentsOf: existing, encoding: .utf8), "an earlier run", "untouched")
        }
    }
}
