import XCTest
@testable import Site

final class MarkdownTests: XCTestCase {
    func testTableExtension() throws {
        XCTAssertEqual(try Markdown.html("| a | b |\n|---|--:|\n| 1 | 2 |\n"),
                       "<div class=\"table-wrap\"><table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n"
                       + "<tbody>\n<tr>\n<td>1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table></div>\n")
    }

    func testStrikethroughExtension() throws {
        XCTAssertEqual(try Markdown.html("~~gone~~"), "<p><del>gone</del></p>\n")
    }

    func testAutolinkExtension() throws {
        XCTAssertEqual(try Markdown.html("see www.example.org now"), "<p>see <a href=\"http://www.example.org\">www.example.org</a> now</p>\n")
    }

    func testImagesAreLazy() throws {
        XCTAssertEqual(try Markdown.html("![a](x.png)"), "<p><img loading=\"lazy\" src=\"x.png\" alt=\"a\" /></p>\n")
    }

    func testRawHTMLBlockIsKept() throws {
        XCTAssertEqual(try Markdown.html("<figure class=\"slider\"><div></div></figure>\n"), "<figure class=\"slider\"><div></div></figure>\n")
    }

    func testMathMLBlockIsKept() throws {
        let html = try Markdown.html("<math display=\"block\">\n<mi>x</mi>\n</math>\n")
        XCTAssertEqual(html, "<math display=\"block\">\n<mi>x</mi>\n</math>\n")
    }
}
