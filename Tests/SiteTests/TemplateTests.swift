import XCTest
@testable import Site

final class TemplateTests: XCTestCase {
    func render(_ t: String, _ ctx: [String: Any], kind: PageTemplate.Kind = .markdown) throws -> String {
        try PageTemplate(t, name: "t.md", kind: kind).render(ctx)
    }

    func testFillsVariablesSectionsAndInvertedSections() throws {
        let out = try render("a {{x}} {{#list}}[{{v}}]{{/list}}{{^empty}}none{{/empty}} {{#flag}}yes{{/flag}}",
                             ["x": "1", "list": [["v": "p"], ["v": "q"]], "empty": [Any](), "flag": true])
        XCTAssertEqual(out, "a 1 [p][q]none yes")
    }

    func testMissingVariableIsErrorWithLine() {
        XCTAssertThrowsError(try render("one\ntwo\nthree {{nope}}", [:])) { e in
            XCTAssertEqual(e as? SiteError, .missingVariable(template: "t.md", line: 3, variable: "nope"))
        }
    }

    func testMissingVariableInsideEveryLoopElementIsFound() {
        XCTAssertThrowsError(try render("{{#rows}}\n{{a}} {{b}}\n{{/rows}}", ["rows": [["a": "1", "b": "2"], ["a": "1"]]])) { e in
            XCTAssertEqual(e as? SiteError, .missingVariable(template: "t.md", line: 2, variable: "b"))
        }
    }

    func testMissingDottedNameAndMissingSection() {
        XCTAssertThrowsError(try render("{{g.x}}", ["g": ["y": "1"]]))
        XCTAssertThrowsError(try render("{{#gone}}x{{/gone}}", [:]))
    }

    /// swift-mustache renders a section over the empty string (only false, nil and empty lists
    /// skip one), so the check walks into it too.
    func testASectionOverTheEmptyStringRendersAndIsChecked() throws {
        XCTAssertEqual(try render("{{#s}}shown{{/s}}{{^s}}hidden{{/s}}", ["s": ""]), "shown")
        XCTAssertThrowsError(try render("{{#s}}{{nope}}{{/s}}", ["s": ""])) { e in
            XCTAssertEqual(e as? SiteError, .missingVariable(template: "t.md", line: 1, variable: "nope"))
        }
    }

    func testOuterContextIsVisibleInsideSections() throws {
        XCTAssertEqual(try render("{{#rows}}{{v}}{{title}}{{/rows}}", ["title": "T", "rows": [["v": "1"]]]), "1T")
    }

    func testUnclosedSectionIsSyntaxError() {
        XCTAssertThrowsError(try render("x\n{{#rows}}\nabc\n", ["rows": [Any]()])) { e in
            XCTAssertEqual(e as? SiteError, .templateSyntax(template: "t.md", line: 2, message: "section {{#rows}} is never closed"))
        }
    }

    func testMismatchedAndStrayClosingTags() {
        XCTAssertThrowsError(try render("{{#a}}{{/b}}", ["a": true])) { e in XCTAssertTrue("\(e)".contains("closes section \"a\"")) }
        XCTAssertThrowsError(try render("{{/b}}", [:])) { e in XCTAssertTrue("\(e)".contains("never opened")) }
        XCTAssertThrowsError(try render("{{a", ["a": "1"])) { e in XCTAssertTrue("\(e)".contains("never closed")) }
        XCTAssertThrowsError(try render("{{{a}}", ["a": "1"]))
        XCTAssertThrowsError(try render("{{> partial}}", [:])) { e in XCTAssertTrue("\(e)".contains("not used")) }
        XCTAssertThrowsError(try render("{{}}", [:]))
    }

    func testMarkdownEscapingOfUserText() throws {
        let out = try render("{{t}} {{{raw}}}", ["t": "<b>a|b*c_d</b> & [x]", "raw": "<i>"])
        XCTAssertEqual(out, "&lt;b&gt;a&#124;b\\*c\\_d&lt;/b&gt; &amp; \\[x\\] <i>")
        XCTAssertEqual(try Markdown.html(out), "<p>&lt;b&gt;a|b*c_d&lt;/b&gt; &amp; [x] <i></p>\n")
    }

    /// A value alone on its line stays a paragraph: no list, no heading underline.
    func testUserTextCannotOpenAListOrUnderlineAHeading() throws {
        for (text, shown) in [("- one", "- one"), ("+ two", "+ two"), ("3. three", "3. three"), ("4) four", "4) four"),
                              ("===", "==="), ("2026 results", "2026 results"), ("a-b", "a-b")] {
            let md = try render("Title\n{{t}}\n", ["t": text])
            XCTAssertEqual(try Markdown.html(md), "<p>Title\n\(shown)</p>\n", text)
        }
    }

    func testHTMLTemplatesEscapeForHTML() throws {
        XCTAssertEqual(try render("<p>{{t}}</p>", ["t": "a_b <c>"], kind: .html), "<p>a_b &lt;c&gt;</p>")
    }

    func testURLEscaping() {
        XCTAssertEqual(Escape.url("data/my run/a&b.png"), "data/my%20run/a%26b.png")
    }
}
