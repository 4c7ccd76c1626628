import ArtifactContract
import Foundation
import TestSupport
import XCTest
@testable import Site

final class SiteBuildTests: XCTestCase {
    var dir: URL!
    var out: URL!
    var log: [String] = []

    override func setUpWithError() throws {
        dir = try temporaryFolder()
        out = dir.appendingPathComponent("site")
    }

    func build(templates: URL = SiteFixtures.templates, results: URL? = nil) throws {
        let r = try results ?? SiteFixtures.fixtureResults(in: dir)
        var lines: [String] = []
        try SiteBuilder(config: SiteFixtures.config(results: r, out: out, templates: templates), log: { lines.append($0) }).build()
        log = lines
    }

    func pages() throws -> [String: String] {
        var pages: [String: String] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: out.path) where f.hasSuffix(".html") {
            pages[f] = try String(contentsOf: out.appendingPathComponent(f), encoding: .utf8)
        }
        return pages
    }

    func testBuildWritesEveryPageAndPrintsSteps() throws {
        try build()
        let names = try pages().keys.sorted()
        XCTAssertEqual(names, ["experiment-digits.html", "experiment-sprites.html", "gallery.html", "index.html", "method.html"])
        XCTAssertEqual(log.first, "[1/10] load templates")
        XCTAssertTrue(log.last?.hasPrefix("[10/10] publish") ?? false)
        for f in ["data/sprites/results.json", "data/digits/metrics.csv", "data/headline.csv", "assets/style.css",
                  "data/sprites/charts/side_effect_curvilinear.svg", "data/sprites/figures/real.png",
                  "data/sprites/metrics.tex", "data/digits/commutativity_linear.tex", "data/sprites/charts/scores_linear.svg",
                  "data/sprites/charts/commutativity_order.svg"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), f)
        }
        // No staging folder is left beside the site.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["results", "site"])
    }

    /// Every href and src on every page resolves to a file inside the site.
    func testEveryLinkAndImageResolves() throws {
        try build()
        let pattern = try NSRegularExpression(pattern: "(?:href|src)=\"([^\"]*)\"|url\\('([^']*)'\\)")
        var checked = 0
        for (name, html) in try pages() {
            for m in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let r = m.range(at: 1).location != NSNotFound ? m.range(at: 1) : m.range(at: 2)
                guard let range = Range(r, in: html) else { continue }
                let link = String(html[range]).replacingOccurrences(of: "&amp;", with: "&")
                XCTAssertFalse(link.hasPrefix("http:") || link.hasPrefix("https:") || link.hasPrefix("//"),
                               "\(name) links off-site: \(link)")
                let path = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                guard !path.isEmpty else { continue }
                let file = out.appendingPathComponent(String(path).removingPercentEncoding ?? String(path))
                XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "\(name): \(link) does not resolve")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50)
    }

    func testNoMustacheTagIsLeftAndUserTextIsEscaped() throws {
        try build()
        let all = try pages()
        for (name, html) in all {
            XCTAssertFalse(html.contains("{{"), "\(name) has an unfilled tag")
            XCTAssertFalse(html.contains("}}"), "\(name) has an unfilled tag")
            // Markdown swallowed by an unterminated HTML block shows up as raw markers.
            XCTAssertFalse(html.contains("\n#"), "\(name) has raw Markdown headings")
            XCTAssertFalse(html.contains("**"), "\(name) has raw Markdown emphasis")
            XCTAssertFalse(html.contains("<script>alert"), "\(name) lets user HTML through")
            XCTAssertFalse(html.contains("<shapes>"), "\(name) lets user HTML through")
        }
        let sprites = try XCTUnwrap(all["experiment-sprites.html"])
        XCTAssertTrue(sprites.contains("<h1>Sprites &amp; &lt;shapes&gt;</h1>"))
        XCTAssertTrue(sprites.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(sprites.contains("*stars*"), "Markdown in user text must stay literal")
        XCTAssertTrue(sprites.contains("&#124;") || sprites.contains("|"))
    }

    /// Claims are generated from the numbers: the digits fixture has curvilinear
    /// side effects above linear's, and the page must say so.
    func testFailedClaimIsStatedPlainly() throws {
        try build()
        let digits = try XCTUnwrap(pages()["experiment-digits.html"])
        XCTAssertTrue(digits.contains("The claim that curvilinear side effects are lower does not hold against linear"), digits)
        let sprites = try XCTUnwrap(pages()["experiment-sprites.html"])
        XCTAssertTrue(sprites.contains("Curvilinear side effects are below the baselines"))
    }

    func testTablesAndCSVAgree() throws {
        try build()
        let csv = try String(contentsOf: out.appendingPathComponent("data/headline.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.count, 1 + 4 + 5)
        let index = try XCTUnwrap(pages()["index.html"])
        for line in lines.dropFirst() {
            let f = line.split(separator: ",")
            XCTAssertTrue(index.contains(">\(f[2])</td>"), "index lacks \(f[2])")
        }
    }

    /// The downloads are the tables `curvilinear evaluate` writes beside results.json, byte for
    /// byte: one exporter, so a paper's LaTeX is the same from the site or the run folder.
    func testPublishedTablesAreTheResultsTables() throws {
        try build()
        let results = try ArtifactJSON.decode(Results.self, from: out.appendingPathComponent("data/sprites/results.json"))
        let tables = ResultsTables.all(results)
        XCTAssertTrue(tables.contains { $0.name == "metrics" } && tables.contains { $0.name == "commutativity_linear" })
        for table in tables {
            let base = out.appendingPathComponent("data/sprites/\(table.name)")
            XCTAssertEqual(try String(contentsOf: base.appendingPathExtension("csv"), encoding: .utf8), CSVFormat.render(table), table.name)
            XCTAssertEqual(try String(contentsOf: base.appendingPathExtension("tex"), encoding: .utf8),
                           LaTeXFormat.render(table, label: ResultsTables.label("sprites", table.name)), table.name)
        }
    }

    func testGoldenIndexPage() throws {
        try build()
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let golden = SiteFixtures.goldenFolder.appendingPathComponent("index.html")
        if ProcessInfo.processInfo.environment["CURVILINEAR_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: SiteFixtures.goldenFolder, withIntermediateDirectories: true)
            try html.write(to: golden, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(html, try String(contentsOf: golden, encoding: .utf8),
                       "index.html differs from Fixtures/golden/index.html (rerun with CURVILINEAR_UPDATE_GOLDEN=1 if intended)")
    }

    /// A broken template fails the build with its name and line, and the
    /// previous site stays as it was.
    func testBrokenTemplateLeavesPreviousSiteIntact() throws {
        try build()
        let before = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let broken = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: SiteFixtures.templates, to: broken)
        let page = broken.appendingPathComponent("pages/gallery.md")
        try (try String(contentsOf: page, encoding: .utf8) + "\n{{#sections}}\nunclosed\n").write(to: page, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try build(templates: broken, results: dir.appendingPathComponent("results"))) { e in
            let s = "\(e)"
            XCTAssertTrue(s.contains("[load templates]") && s.contains("gallery.md") && s.contains("never closed"), s)
        }
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["results", "site", "templates"])
    }

    func testMissingVariableInTemplateFailsWithTemplateLineAndName() throws {
        let t = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: SiteFixtures.templates, to: t)
        let page = t.appendingPathComponent("pages/index.md")
        try "# Hi\n\nline two {{no_such_number}}\n".write(to: page, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try build(templates: t)) { e in
            let s = "\(e)"
            XCTAssertTrue(s.contains("[render pages]") && s.contains("index.md:3") && s.contains("no_such_number"), s)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testMissingFigureIsErrorNamingResultsKey() throws {
        let r = try SiteFixtures.fixtureResults(in: dir)
        try FileManager.default.removeItem(at: r.appendingPathComponent("sprites/figures/real.png"))
        XCTAssertThrowsError(try build(results: r)) { e in
            let s = "\(e)"
            XCTAssertTrue(s.contains("[load results]") && s.contains("figures.real_samples") && s.contains("sprites/results.json"), s)
        }
    }

    func testBadResultsJSONFailsWithFileAndKeyPath() throws {
        let r = try SiteFixtures.fixtureResults(in: dir)
        let url = r.appendingPathComponent("digits/results.json")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"off_diagonal_mean\"", with: "\"off_diag\"")
        try text.write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try build(results: r)) { e in
            let s = "\(e)"
            XCTAssertTrue(s.contains("digits/results.json") && s.contains("side_effect.off_diagonal_mean") && s.contains("missing"), s)
            XCTAssertFalse(s.contains("\n"))
        }
    }

    /// An experiment's folder name becomes its page's and data folder's name: the same rule
    /// as editor names, so a non-ASCII letter is refused with the folder and the fix.
    func testAnExperimentFolderNameOutsideASCIIIsRefused() throws {
        let r = try SiteFixtures.fixtureResults(in: dir)
        let renamed = r.appendingPathComponent("sprités")
        try FileManager.default.moveItem(at: r.appendingPathComponent("sprites"), to: renamed)
        let url = renamed.appendingPathComponent("results.json")
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        json["experiment"] = "sprités"
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        XCTAssertThrowsError(try build(results: r)) { e in
            let s = "\(e)"
            XCTAssertTrue(s.contains("[load results]") && s.contains("sprités")
                          && s.contains("experiment names may use ASCII letters, digits, - and _ only; rename the folder"), s)
            XCTAssertFalse(s.contains("\n"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// Edits the sprites fixture's results.json as JSON, builds, and returns the one-line error.
    func buildError(_ edit: (inout [String: Any]) -> Void, prepare: (URL) throws -> Void = { _ in }) throws -> String {
        let fresh = dir.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
        let r = try SiteFixtures.fixtureResults(in: fresh)
        let url = r.appendingPathComponent("sprites/results.json")
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        try prepare(r.appendingPathComponent("sprites"))
        var message = ""
        XCTAssertThrowsError(try build(results: r)) { message = "\($0)" }
        XCTAssertFalse(message.contains("\n"), message)
        return message
    }

    func editor(_ json: inout [String: Any], _ name: String, _ edit: (inout [String: Any]) -> Void) {
        var editors = json["editors"] as! [String: Any]
        var e = editors[name] as! [String: Any]
        edit(&e)
        editors[name] = e
        json["editors"] = editors
    }

    /// Results produced elsewhere are checked where the site would otherwise write outside its
    /// folder, draw a ragged matrix or multiply absurd sizes (the message names file and key).
    func testResultsThatWouldBreakThePagesAreRefusedByKey() throws {
        let escaping = try buildError { json in
            var editors = json["editors"] as! [String: Any]
            editors["x/../../p"] = editors["linear"]
            json["editors"] = editors
        }
        XCTAssertTrue(escaping.contains("sprites/results.json") && escaping.contains("editors.x/../../p")
                      && escaping.contains("ASCII letters, digits, - and _"), escaping)

        let ragged = try buildError { json in
            self.editor(&json, "linear") { e in
                var side = e["side_effect"] as! [String: Any]
                var matrix = side["matrix"] as! [[Double]]
                matrix[2].removeLast()
                side["matrix"] = matrix
                e["side_effect"] = side
            }
        }
        XCTAssertTrue(ragged.contains("editors.linear.side_effect.matrix") && ragged.contains("must be 5 x 5"), ragged)

        let huge = try buildError { json in
            self.editor(&json, "linear") { e in
                var figures = e["figures"] as! [String: Any]
                var traversals = figures["traversals"] as! [[String: Any]]
                traversals[0]["frame_width"] = 4_611_686_018_427_387_904
                figures["traversals"] = traversals
                e["figures"] = figures
            }
        }
        XCTAssertTrue(huge.contains("editors.linear.figures.traversals[0].frame_width") && huge.contains("outside 1...4096"), huge)

        let folder = try buildError({ json in
            var figures = json["figures"] as! [String: Any]
            figures["real_samples"] = "figures/folder.png"
            json["figures"] = figures
        }, prepare: { try FileManager.default.createDirectory(at: $0.appendingPathComponent("figures/folder.png"), withIntermediateDirectories: true) })
        XCTAssertTrue(folder.contains("figures.real_samples"), folder)

        let table = try buildError { json in
            var figures = json["figures"] as! [String: Any]
            figures["real_samples"] = "metrics.csv"
            json["figures"] = figures
        }
        XCTAssertTrue(table.contains("figures.real_samples") && table.contains(".png or .svg"), table)
    }

    /// A content page without a template becomes a page of its own, linked from every page;
    /// one named like a generated experiment page is refused instead of replacing it.
    func testContentPagesAreLinkedAndCannotReplaceExperimentPages() throws {
        let content = dir.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SiteFixtures.content.appendingPathComponent("method.md"),
                                         to: content.appendingPathComponent("method.md"))
        try "# About this site\n\nNotes.\n".write(to: content.appendingPathComponent("about.md"), atomically: true, encoding: .utf8)
        let results = try SiteFixtures.fixtureResults(in: dir)
        var config = SiteFixtures.config(results: results, out: out, templates: SiteFixtures.templates)
        config.content = content
        try SiteBuilder(config: config, log: { _ in }).build()
        let index = try XCTUnwrap(pages()["index.html"])
        XCTAssertTrue(index.contains("href=\"about.html\""), "the nav links the page")
        XCTAssertTrue(try XCTUnwrap(pages()["about.html"]).contains("Notes."))

        try "# Mine\n".write(to: content.appendingPathComponent("experiment-sprites.md"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SiteBuilder(config: config, log: { _ in }).build()) { e in
            XCTAssertEqual("\(e)", "[load content] \(content.appendingPathComponent("experiment-sprites.md").path): "
                           + "pages named experiment-* are the experiments' own; rename the file")
        }
    }

    /// The round-trip table lists the round-trip pairs, even where they are not the order pairs.
    func testRoundTripTableTakesItsOwnPairs() throws {
        let site = try SiteFixtures.site(in: dir, editing: ["sprites": { r in
            for name in r.editors.keys {
                r.editors[name]!.commutativityRoundtrip.pairs = [.init(a: "S", b: "H", aErr: 1.25, bErr: 2.5)]
            }
        }])
        let page = try String(contentsOf: site.appendingPathComponent("experiment-sprites.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<td>S/H</td>"), "the round-trip pair is a row")
        XCTAssertTrue(page.contains("<td>V/H</td>"), "the order pairs stay in the order table")
        // The download joins the two by pair: S/H has no order error, V/H no round trip.
        let csv = try String(contentsOf: site.appendingPathComponent("data/sprites/commutativity_linear.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("\nS,H,,,,,,,1.2500,,,2.5000,,\n"), csv)
        XCTAssertTrue(csv.split(separator: "\n").contains { $0.hasPrefix("V,H,") && $0.hasSuffix(",,,,,,") }, csv)
    }

    func testEmptyResultsFolderStillBuilds() throws {
        let r = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: r, withIntermediateDirectories: true)
        try build(results: r)
        XCTAssertTrue(try XCTUnwrap(pages()["index.html"]).contains("No results were found"))
    }
}
