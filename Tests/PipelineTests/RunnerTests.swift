import Foundation
import TestSupport
import XCTest
@testable import Pipeline
import Tensor

final class RunnerTests: XCTestCase {
    func folders(_ root: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("exp").path).sorted()
    }

    func testFirstRunRunsEverythingInOrderAndTheSecondNothing() throws {
        let root = try temporaryFolder()
        let journal = Journal()
        let runner = makeRunner(root: root, journal: journal)
        let first = try runner.run(fakeGraph(journal))
        let all = ["data", "generator", "editor-a", "editor-b", "evaluate", "render", "site"].map { "exp/" + $0 }
        XCTAssertEqual(journal.ran, all)
        XCTAssertEqual(first.ran, all)
        XCTAssertTrue(journal.output.hasPrefix("[1/7] exp/data ...\n[1/7] exp/data done in 0.0 s\n[2/7] exp/generator ...\n"),
                      journal.output)

        journal.reset()
        let second = try runner.run(fakeGraph(journal))
        XCTAssertEqual(journal.ran, [])
        XCTAssertEqual(second.cached, all)
        XCTAssertEqual(journal.output.split(separator: "\n").first, "[1/7] exp/data ... cached")
        XCTAssertEqual(try folders(root).count, 7)
        XCTAssertTrue(try folders(root).allSatisfy { $0.range(of: #"^[a-z-]+-[0-9a-f]{16}$"#, options: .regularExpression) != nil })
    }

    func testArtifactsCarryManifestAndSeeTheirInputs() throws {
        let root = try temporaryFolder()
        let journal = Journal()
        let runner = makeRunner(root: root, journal: journal)
        try runner.run(fakeGraph(journal))
        let planned = try runner.plan(fakeGraph(journal))
        let evaluate = try XCTUnwrap(planned.first { $0.stage.name == "exp/evaluate" })
        XCTAssertEqual(try String(contentsOf: evaluate.folder.appendingPathComponent("out.txt"), encoding: .utf8),
                       "evaluate  <- [data count=100] <- [generator steps=5 <- [data count=100]] "
                       + "<- [editor-a steps=10 <- [generator steps=5 <- [data count=100]]] "
                       + "<- [editor-b steps=10 <- [generator steps=5 <- [data count=100]]]")
        let manifest = try Manifest.read(from: evaluate.folder)
        XCTAssertEqual(manifest.stage, "exp/evaluate")
        XCTAssertEqual(manifest.hash, evaluate.key)
        XCTAssertEqual(evaluate.folder.lastPathComponent, "evaluate-" + evaluate.key.prefix(16))
        XCTAssertEqual(manifest.seed, 7)
        XCTAssertEqual(manifest.codeVersion, "test-1")
        XCTAssertEqual(manifest.threads, 1, "the thread count is recorded: the floats depend on it")
        XCTAssertEqual(manifest.blasCore, BLAS.coreName, "so is the BLAS kernel set")
        XCTAssertFalse(BLAS.coreName.isEmpty)
        XCTAssertEqual(manifest.config, .object([:]))
        XCTAssertEqual(Set(manifest.inputs.keys), ["exp/data", "exp/generator", "exp/editor-a", "exp/editor-b"])
        XCTAssertEqual(manifest.inputs["exp/data"], planned[0].key)
        XCTAssertEqual(manifest.files.map(\.path), ["out.txt", "part-1.bin"])
        XCTAssertEqual(manifest.files[1].bytes, 7)
    }

    func testChangingOneEditorRerunsItAndEverythingDownstreamOnly() throws {
        let root = try temporaryFolder()
        let journal = Journal()
        let runner = makeRunner(root: root, journal: journal)
        try runner.run(fakeGraph(journal))
        journal.reset()

        let changed = fakeGraph(journal, editorB: ["steps": 20])
        let states = try runner.plan(changed).map { ($0.stage.localName, $0.state) }
        XCTAssertEqual(states.map(\.0), ["data", "generator", "editor-a", "editor-b", "evaluate", "render", "site"])
        XCTAssertEqual(states.map { state -> String in
            switch state.1 {
            case .cached: return "cached"
            case .stale: return "stale"
            case .missing: return "missing"
            case .damaged: return "damaged"
            }
        }, ["cached", "cached", "cached", "stale", "stale", "stale", "stale"])

        try runner.run(changed)
        XCTAssertEqual(journal.ran, ["exp/editor-b", "exp/evaluate", "exp/render", "exp/site"])
        // The old artifacts stay (switching back is free) beside the new ones.
        XCTAssertEqual(try folders(root).filter { $0.hasPrefix("editor-b-") }.count, 2)
        journal.reset()
        try runner.run(fakeGraph(journal))
        XCTAssertEqual(journal.ran, [])
    }

    /// A forced stage keeps its key, so everything that reads it is rerun with it: otherwise
    /// `--force evaluate` would leave the site showing the old numbers as cached.
    func testForceRerunsTheNamedStagesAndWhatReadsThem() throws {
        let root = try temporaryFolder()
        let journal = Journal()
        let runner = makeRunner(root: root, journal: journal)
        try runner.run(fakeGraph(journal))
        journal.reset()
        let summary = try runner.run(fakeGraph(journal), force: ["editor-a"])
        XCTAssertEqual(journal.ran, ["exp/editor-a", "exp/evaluate", "exp/render", "exp/site"], "not editor-b, its sibling")
        XCTAssertEqual(summary.entries.filter { $0.outcome == .forced }.map(\.stage),
                       ["exp/editor-a", "exp/evaluate", "exp/render", "exp/site"])
        XCTAssertEqual(try folders(root).count, 7, "a forced artifact replaces its folder")
        journal.reset()
        try runner.run(fakeGraph(journal), force: ["site"])
        XCTAssertEqual(journal.ran, ["exp/site"], "the last stage has nothing downstream")
        journal.reset()
        try runner.run(fakeGraph(journal), force: ["editor", "exp/render"])
        XCTAssertEqual(journal.ran, ["exp/editor-a", "exp/editor-b", "exp/evaluate", "exp/render", "exp/site"])
        XCTAssertThrowsError(try runner.run(fakeGraph(journal), force: ["evalute"])) { error in
            XCTAssertEqual(String(describing: error), "unknown stage 'evalute'; did you mean 'evaluate'? stages: "
                           + "data, editor, editor-a, editor-b, evaluate, generator, render, site")
        }
    }

    /// A folder whose manifest lists files that are not there (an interrupted copy of
    /// runs/) or names another key is not served: it is rebuilt in place, saying why.
    func testADamagedArtifactIsRebuiltNotServed() throws {
        let root = try temporaryFolder()
        let journal = Journal()
        let runner = makeRunner(root: root, journal: journal)
        try runner.run(fakeGraph(journal))
        let planned = try runner.plan(fakeGraph(journal))
        let editorA = try XCTUnwrap(planned.first { $0.stage.name == "exp/editor-a" }).folder
        try FileManager.default.removeItem(at: editorA.appendingPathComponent("part-1.bin"))
        let render = try XCTUnwrap(planned.first { $0.stage.name == "exp/render" }).folder
        try Data("short".utf8).write(to: render.appendingPathComponent("part-1.bin"))
        let states = try runner.plan(fakeGraph(journal)).map(\.state)
        XCTAssertEqual(states[2], .damaged(reason: "part-1.bin is missing"))
        XCTAssertEqual(states[5], .damaged(reason: "part-1.bin has 5 bytes, its manifest says 7"))
        let status = PipelineSession.formatStatus(try runner.plan(fakeGraph(journal)), relativeTo: root, codeVersion: "test-2")
            .split(separator: "\n")
        XCTAssertTrue(status[2].hasPrefix("exp/editor-a ") && status[2].contains(" damaged "), String(status[2]))
        XCTAssertTrue(status[0].hasSuffix(" (made by code test-1)"), "a cached artifact of older code says so: \(status[0])")
        journal.reset()
        try runner.run(fakeGraph(journal))
        XCTAssertEqual(journal.ran, ["exp/editor-a", "exp/render"])
        XCTAssertTrue(journal.output.contains("exp/editor-a: the cached artifact is damaged (part-1.bin is missing); rebuilding it"),
                      journal.output)
        XCTAssertTrue(try runner.plan(fakeGraph(journal)).allSatisfy(\.isCached))

        // A manifest that names another key (a folder copied under the wrong name).
        var manifest = try Manifest.read(from: editorA)
        manifest.hash = String(repeating: "0", count: 64)
        try manifest.write(to: editorA)
        XCTAssertEqual(try runner.plan(fakeGraph(journal))[2].state,
                       .damaged(reason: "its manifest.json names another key, 0000000000000000"))
    }

    /// `evaluate --force evaluate` plans up to evaluate only: the render and the site built
    /// on the replaced evaluation are outside its plan, so they are removed (with a line
    /// saying why) and the next full run rebuilds them instead of serving the old numbers.
    func testForceRemovesDependentsOutsideThePlan() throws {
        let root = try temporaryFolder()
        let journal = Journal()
        let runner = makeRunner(root: root, journal: journal)
        try runner.run(fakeGraph(journal))
        let other = root.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        // The render's copy that `curvilinear render` exports for `curvilinear site`.
        let render = try XCTUnwrap(try runner.plan(fakeGraph(journal)).first { $0.stage.name == "exp/render" })
        let export = RenderExport.defaultRoot(runsFolder: root).appendingPathComponent("exp")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: ["stage": "exp/render", "input_hashes": render.inputKeys])
            .write(to: export.appendingPathComponent("manifest.json"))
        journal.reset()
        let throughEvaluate = fakeGraph(journal).filter { !["exp/render", "exp/site"].contains($0.name) }
        try runner.run(throughEvaluate, force: ["evaluate"])
        XCTAssertEqual(journal.ran, ["exp/evaluate"])
        XCTAssertEqual(try folders(root).count, 5)
        XCTAssertEqual(try folders(root).filter { $0.hasPrefix("render-") || $0.hasPrefix("site-") }, [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: export.path), "the export of the removed render goes too")
        let removals = journal.output.split(separator: "\n").filter { $0.hasPrefix("removed ") }
        XCTAssertEqual(removals.count, 3, journal.output)
        XCTAssertTrue(removals.allSatisfy { $0.hasSuffix(": it was built on the exp/evaluate that --force replaced; the next run rebuilds it") },
                      journal.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: other.path), "folders without a manifest are left alone")
        journal.reset()
        try runner.run(fakeGraph(journal))
        XCTAssertEqual(journal.ran, ["exp/render", "exp/site"])
        // A forced stage whose dependents are all in the plan removes nothing.
        journal.reset()
        try runner.run(fakeGraph(journal), force: ["evaluate"])
        XCTAssertEqual(journal.ran, ["exp/evaluate", "exp/render", "exp/site"])
        XCTAssertFalse(journal.output.contains("removed "), journal.output)
        XCTAssertEqual(try folders(root).count, 7)
    }

    /// The manifest records the runner's thread count, so every stage must run on it, also
    /// one that never sets it (the identity classifier, a generator's training).
    func testEveryStageRunsOnTheRecordedThreadCount() throws {
        struct ThreadProbe: Stage {
            let name = "exp/probe"
            let inputs: [String] = []
            var configSection: any Encodable & Sendable { [String: Int]() }
            let seen: Journal
            func run(_ context: StageContext, outputDir: URL) throws { seen.record("threads \(BLAS.threads)") }
        }
        let before = BLAS.threads
        defer { BLAS.setThreads(before) }
        BLAS.setThreads(2)
        let journal = Journal()
        try makeRunner(root: try temporaryFolder(), journal: journal).run([ThreadProbe(seen: journal)])
        XCTAssertEqual(journal.ran, ["threads 1"])
    }

    func testAStageThatFailsHalfwayLeavesNoArtifactAndTheNextRunCompletes() throws {
        let root = try temporaryFolder()
        let journal = Journal()
        let runner = makeRunner(root: root, journal: journal)
        XCTAssertThrowsError(try runner.run(fakeGraph(journal, failing: "editor-b"))) { error in
            XCTAssertEqual(error as? PipelineError, .stageFailed(stage: "exp/editor-b", reason: "boom halfway"))
        }
        XCTAssertEqual(journal.ran, ["exp/data", "exp/generator", "exp/editor-a", "exp/editor-b"])
        // Neither a final nor a temporary folder of editor-b: only the three finished stages.
        XCTAssertEqual(try folders(root).map { String($0.split(separator: "-").dropLast().joined(separator: "-")) },
                       ["data", "editor-a", "generator"])

        journal.reset()
        try runner.run(fakeGraph(journal))
        XCTAssertEqual(journal.ran, ["exp/editor-b", "exp/evaluate", "exp/render", "exp/site"])
    }

    func testTemporaryFoldersOfDeadRunsAreRemoved() throws {
        let root = try temporaryFolder()
        let journal = Journal()
        let abandoned = root.appendingPathComponent("exp/.generator-0123456789abcdef.tmp-999999999")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: true)
        try makeRunner(root: root, journal: journal).run(fakeGraph(journal))
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned.path))
        XCTAssertTrue(journal.output.hasPrefix("removed the unfinished artifact exp/.generator-0123456789abcdef.tmp-999999999"))
    }

    func testAnUnavailableStageFailsBeforeAnythingRunsUnlessItIsCached() throws {
        let root = try temporaryFolder()
        let journal = Journal()
        let runner = makeRunner(root: root, journal: journal)
        func graph(unavailable: String) -> [any Stage] {
            fakeGraph(journal).map { stage in
                var fake = stage as! FakeStage
                if fake.localName == unavailable { fake.availability = .notYet(module: "Editors") }
                return fake
            }
        }
        XCTAssertThrowsError(try runner.run(graph(unavailable: "editor-a"))) { error in
            XCTAssertEqual(error as? PipelineError, .stageNotAvailable(stage: "exp/editor-a", module: "Editors"))
        }
        XCTAssertEqual(journal.ran, [])
        // An artifact made elsewhere (here: by an available stage) counts as cached.
        try runner.run(fakeGraph(journal))
        journal.reset()
        try runner.run(graph(unavailable: "editor-a"))
        XCTAssertEqual(journal.ran, [])
    }

    func testGraphErrors() throws {
        let journal = Journal()
        let runner = makeRunner(root: try temporaryFolder(), journal: journal)
        let orphan = FakeStage(name: "exp/render", inputs: ["exp/evaluate"], journal: journal)
        XCTAssertThrowsError(try runner.run([orphan])) { error in
            XCTAssertEqual(error as? PipelineError, .missingInput(stage: "exp/render", input: "exp/evaluate"))
        }
        let twice = [FakeStage(name: "exp/data", journal: journal), FakeStage(name: "exp/data", journal: journal)]
        XCTAssertThrowsError(try runner.run(twice)) { error in
            XCTAssertEqual(error as? PipelineError, .duplicateStage(name: "exp/data"))
        }
    }

    func testStagesAreOrderedAfterTheirInputs() throws {
        let journal = Journal()
        let runner = makeRunner(root: try temporaryFolder(), journal: journal)
        try runner.run(fakeGraph(journal).reversed())
        XCTAssertEqual(journal.ran.first, "exp/data")
        XCTAssertEqual(journal.ran.last, "exp/site")
    }

    func testKeysDependOnConfigInputsSeedAndFormat() throws {
        let journal = Journal()
        let base = FakeStage(name: "x/a", inputs: ["x/in"], config: ["k": 1], journal: journal)
        let key = try ArtifactStore.key(stage: base, inputKeys: ["x/in": "h1"])
        XCTAssertEqual(key.count, 64)
        XCTAssertEqual(key, try ArtifactStore.key(stage: base, inputKeys: ["x/in": "h1"]))
        XCTAssertNotEqual(key, try ArtifactStore.key(stage: base, inputKeys: ["x/in": "h2"]))
        var other = base
        other.config = ["k": 2]
        XCTAssertNotEqual(key, try ArtifactStore.key(stage: other, inputKeys: ["x/in": "h1"]))
        // The experiment prefix is not hashed: the same stage keys the same in any folder.
        other = base
        other.name = "y/a"
        XCTAssertEqual(key, try ArtifactStore.key(stage: other, inputKeys: ["x/in": "h1"]))
    }

    func testAFolderWithoutManifestIsIncompleteAndGetsReplaced() throws {
        let root = try temporaryFolder()
        let journal = Journal()
        let runner = makeRunner(root: root, journal: journal)
        let data = try runner.plan(fakeGraph(journal))[0]
        try FileManager.default.createDirectory(at: data.folder, withIntermediateDirectories: true)
        try Data("junk".utf8).write(to: data.folder.appendingPathComponent("junk.bin"))
        XCTAssertEqual(try runner.plan(fakeGraph(journal))[0].state, .missing)
        try runner.run(fakeGraph(journal))
        XCTAssertEqual(journal.ran.first, "exp/data")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: data.folder.path).sorted(),
                       ["manifest.json", "out.txt", "part-1.bin"])
    }
}
