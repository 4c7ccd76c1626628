import XCTest
@testable import Site

final class HeadingsTests: XCTestCase {
    func testIdsAreSluggedAndUnique() {
        XCTAssertEqual(Headings.process("<h2>Side effects &amp; more</h2>\n<h3>Linear</h3>\n<h3>Linear</h3>\n"),
                       "<h2 id=\"side-effects-amp-more\">Side effects &amp; more</h2>\n<h3 id=\"linear\">Linear</h3>\n<h3 id=\"linear-2\">Linear</h3>\n")
    }

    func testShortPagesGetNoTableOfContents() {
        let html = "<h1>T</h1>\n<h2>a</h2>\n<h2>b</h2>\n"
        XCTAssertFalse(Headings.process(html).contains("class=\"toc\""))
    }

    func testLongPagesGetNestedTableOfContentsAfterTitle() {
        let html = "<h1>T</h1>\n<h2>A</h2>\n<h3>x</h3>\n<h2>B <a href=\"p.html\">p</a></h2>\n<h2>C</h2>\n<h2>D</h2>\n"
        let out = Headings.process(html)
        XCTAssertTrue(out.hasPrefix("<h1>T</h1>\n<nav class=\"toc\""))
        XCTAssertTrue(out.contains("<li><a href=\"#a\">A</a>\n<ul>\n<li><a href=\"#x\">x</a></li>\n</ul></li>\n<li><a href=\"#b-p\">B p</a></li>"), out)
        XCTAssertTrue(out.contains("<h2 id=\"b-p\">B <a href=\"p.html\">p</a></h2>"))
    }
}
