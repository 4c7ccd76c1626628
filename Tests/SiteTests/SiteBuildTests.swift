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
                  "data/sprites/metrics.tex", "data/digits/commutativity_order.tex", "data/sprites/charts/scores_linear.svg",
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

    func testEmptyResultsFolderStillBuilds() throws {
        let r = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: r, withIntermediateDirectories: true)
        try build(results: r)
        XCTAssertTrue(try XCTUnwrap(pages()["index.html"]).contains("No results were found"))
    }
}
