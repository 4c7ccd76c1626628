import CCmarkGFM
import Foundation

/// Markdown -> HTML with cmark-gfm and its table, strikethrough and autolink
/// extensions. `cmark_markdown_to_html` ignores extensions, so the parser is
/// driven by hand and its extension list handed to the renderer.
public enum Markdown {
    /// Raw HTML is kept (CMARK_OPT_UNSAFE): pages embed sliders and figures;
    /// user text reaching a page is escaped by the template layer before this.
    public static func html(_ markdown: String) throws -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_GITHUB_PRE_LANG
        guard let parser = cmark_parser_new(options) else { throw SiteError.markdown(path: "<cmark>", message: "cannot create parser") }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            guard let ext = cmark_find_syntax_extension(name) else {
                throw SiteError.markdown(path: "<cmark>", message: "extension \(name) is not available; install libcmark-gfm-extensions-dev")
            }
            cmark_parser_attach_syntax_extension(parser, ext)
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let doc = cmark_parser_finish(parser) else { throw SiteError.markdown(path: "<cmark>", message: "parse failed") }
        defer { cmark_node_free(doc) }
        guard let out = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser)) else {
            throw SiteError.markdown(path: "<cmark>", message: "render failed")
        }
        defer { free(out) }
        return polish(String(cString: out))
    }

    /// Page-level touches cmark cannot express: lazy images, and tables wrapped
    /// in a scroller so wide tables do not break a phone layout.
    static func polish(_ html: String) -> String {
        html.replacingOccurrences(of: "<img src=", with: "<img loading=\"lazy\" src=")
            .replacingOccurrences(of: "<table>", with: "<div class=\"table-wrap\"><table>")
            .replacingOccurrences(of: "</table>", with: "</table></div>")
    }
}
