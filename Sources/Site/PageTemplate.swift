import Foundation
import Mustache

/// A template file: its tag structure checked by `TemplateCheck`, its
/// rendering done by swift-mustache. Markdown templates escape `{{x}}` for
/// Markdown (`Escape.markdownText`); HTML templates escape for HTML.
public struct PageTemplate: Sendable {
    public enum Kind: Sendable { case html, markdown }
    public let name: String
    public let kind: Kind
    let template: MustacheTemplate
    let check: TemplateCheck

    public init(_ text: String, name: String, kind: Kind) throws {
        self.name = name; self.kind = kind
        check = try TemplateCheck(text, name: name)
        PageTemplate.registerContentType
        // The pragma sits on the first line so line numbers stay those of the file.
        let pragma = kind == .markdown ? "{{% CONTENT_TYPE: MARKDOWN}}" : ""
        do {
            template = try MustacheTemplate(string: pragma + text)
        } catch let e as MustacheTemplate.ParserError {
            throw SiteError.templateSyntax(template: name, line: e.context.lineNumber, message: "mustache: \(e.error)")
        }
    }

    public static func load(_ url: URL, kind: Kind) throws -> PageTemplate {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw SiteError.missingFile(path: url.path, what: "template")
        }
        return try PageTemplate(text, name: url.lastPathComponent, kind: kind)
    }

    /// Fills the template; a tag the context lacks is an error, not "".
    public func render(_ context: [String: Any]) throws -> String {
        try check.validate(context)
        return template.render(context)
    }

    private static let registerContentType: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()
}
