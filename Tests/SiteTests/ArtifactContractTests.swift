import ArtifactContract
import Foundation
import TestSupport
import XCTest

final class ArtifactContractTests: XCTestCase {
    func decode(_ json: String) throws -> Results {
        try ArtifactJSON.decode(Results.self, from: Data(json.utf8), path: "x/results.json")
    }

    func testFixtureDecodesAndRoundTrips() throws {
        let folder = ResultsFolder(root: SiteFixtures.fixtureResults)
        XCTAssertEqual(try folder.experimentNames(), ["digits", "sprites"])
        let r = try folder.results("sprites")
        XCTAssertEqual(r.editorNames, ["linear", "warped", "curvilinear", "sefa"])
        XCTAssertEqual(r.editors["warped"]?.commutativityOrder.pairs.count, 10)
        XCTAssertEqual(r.evaluationProtocol?.fixedT, 3)
        XCTAssertNotNil(r.editorsFixedT)
        let again = try ArtifactJSON.decode(Results.self, from: ArtifactJSON.encode(r), path: "mem")
        XCTAssertEqual(again, r)
        XCTAssertEqual(try folder.manifest("sprites")?.stage, "evaluate")
        XCTAssertNil(try folder.manifest("digits"))
    }

    func testEncodedKeysAreTheContractKeys() throws {
        let r = try ResultsFolder(root: SiteFixtures.fixtureResults).results("digits")
        let text = String(decoding: try ArtifactJSON.encode(r), as: UTF8.self)
        for key in ["\"schema\"", "\"config_hash\"", "\"code_version\"", "\"frechet_real\"", "\"target_change\"",
                    "\"off_diagonal_mean\"", "\"commutativity_order\"", "\"commutativity_roundtrip\"", "\"a_err\"",
                    "\"latent_commutator\"", "\"identity_error\"", "\"per_attribute\"", "\"ci95\""] {
            XCTAssertTrue(text.contains(key), key)
        }
    }

    /// results.json written before the generator's confidence, class mix and clean rate
    /// existed still decodes, and re-encodes without them; with them, the keys are snake_case.
    func testGeneratorAdditionsAreOptional() throws {
        let url = SiteFixtures.fixtureResults.appendingPathComponent("sprites/results.json")
        let old = try ArtifactJSON.decode(Results.self, from: Data(contentsOf: url), path: "sprites/results.json")
        XCTAssertNil(old.generator.confident)
        XCTAssertNil(old.generator.confidentReal)
        XCTAssertNil(old.generator.classFractions)
        XCTAssertNil(old.generator.realClassFractions)
        XCTAssertNil(old.generator.classNames)
        XCTAssertNil(old.generator.clean)
        XCTAssertNil(old.generator.cleanReal)
        let keys = ["\"confident\"", "\"confident_real\"", "\"class_fractions\"", "\"real_class_fractions\"", "\"class_names\"", "\"clean\"", "\"clean_real\""]
        let oldText = String(decoding: try ArtifactJSON.encode(old), as: UTF8.self)
        for key in keys { XCTAssertFalse(oldText.contains(key), key) }

        var r = old
        r.generator.confident = 0.654; r.generator.confidentReal = 0.99; r.generator.classFractions = [0.3, 0.7]; r.generator.realClassFractions = [0.5, 0.5]
        r.generator.classNames = ["square", "ellipse"]
        r.generator.clean = 0.489; r.generator.cleanReal = 0.97
        let text = String(decoding: try ArtifactJSON.encode(r), as: UTF8.self)
        for key in keys { XCTAssertTrue(text.contains(key), key) }
        XCTAssertEqual(try ArtifactJSON.decode(Results.self, from: Data(text.utf8), path: "mem"), r)
    }

    func testMissingKeyNamesFileAndKeyPath() throws {
        let url = SiteFixtures.fixtureResults.appendingPathComponent("digits/results.json")
        var obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var editors = try XCTUnwrap(obj["editors"] as? [String: Any])
        var warped = try XCTUnwrap(editors["warped"] as? [String: Any])
        var order = try XCTUnwrap(warped["commutativity_order"] as? [String: Any])
        var pairs = try XCTUnwrap(order["pairs"] as? [[String: Any]])
        pairs[1].removeValue(forKey: "b_err")
        order["pairs"] = pairs; warped["commutativity_order"] = order; editors["warped"] = warped; obj["editors"] = editors
        let data = try JSONSerialization.data(withJSONObject: obj)
        XCTAssertThrowsError(try ArtifactJSON.decode(Results.self, from: data, path: "d/results.json")) { e in
            XCTAssertEqual("\(e)", "d/results.json: at editors.warped.commutativity_order.pairs[1].b_err: required key is missing")
        }
    }

    func testWrongTypeNamesKeyPath() {
        XCTAssertThrowsError(try decode(#"{"schema": "one"}"#)) { e in
            XCTAssertEqual("\(e)", "x/results.json: at schema: expected Int")
        }
    }

    func testNotJSONIsTypedOneLineError() {
        XCTAssertThrowsError(try decode("{ nope")) { e in
            XCTAssertEqual(e as? ArtifactError, .badJSON(path: "x/results.json", keyPath: "", reason: "not valid JSON"))
            XCTAssertFalse("\(e)".contains("\n"))
        }
    }

    func testMissingFileAndSchemaAndNameChecks() throws {
        let dir = try temporaryFolder()
        let folder = ResultsFolder(root: dir)
        XCTAssertThrowsError(try folder.results("none")) { e in
            XCTAssertEqual(e as? ArtifactError, .missing(path: folder.resultsURL("none").path))
        }
        var r = try ResultsFolder(root: SiteFixtures.fixtureResults).results("digits")
        try FileManager.default.createDirectory(at: folder.experimentFolder("other"), withIntermediateDirectories: true)
        try ArtifactJSON.write(r, to: folder.resultsURL("other"))
        XCTAssertThrowsError(try folder.results("other")) { e in
            XCTAssertTrue("\(e)".contains("does not match its folder \"other\""), "\(e)")
        }
        r.schema = 2
        r.experiment = "other"
        try ArtifactJSON.write(r, to: folder.resultsURL("other"))
        XCTAssertThrowsError(try folder.results("other")) { e in
            XCTAssertEqual(e as? ArtifactError, .unsupportedSchema(path: folder.resultsURL("other").path, found: 2))
        }
        XCTAssertThrowsError(try ResultsFolder(root: dir.appendingPathComponent("absent")).experimentNames())
    }

    func testManifestRoundTripsArbitraryConfig() throws {
        let m = Manifest(stage: "editor", config: .object(["kind": .string("warped"), "dipoles": .number(32), "iso": .bool(false),
                                                           "list": .array([.null, .number(1.5)])]),
                         inputHashes: ["generator": "abc"], seed: 3, codeVersion: "v", wallTimeSeconds: 1.5, files: ["a"])
        XCTAssertEqual(try ArtifactJSON.decode(Manifest.self, from: ArtifactJSON.encode(m), path: "m"), m)
    }
}
