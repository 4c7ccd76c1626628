import Foundation
import Mustache
import Render

/// Escaping for the two places user text lands.
public enum Escape {
    /// HTML text and attribute values (the same entities as the SVG figures).
    public static func html(_ s: String) -> String { SVG.escape(s) }

    /// Text placed into a Markdown page: HTML-escaped, table pipes as entities,
    /// and Markdown punctuation backslash-escaped so user text is never markup.
    public static func markdownText(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "|": out += "&#124;"
            case "\\", "*", "_", "[", "]", "`", "~", "!", "#": out += "\\" + String(ch)
            case "\n": out += " "
            default:
                if let entity = SVG.entity(for: ch) { out += entity } else { out.append(ch) }
            }
        }
        // At the start of a line a value could open a list ("- x", "+ x", "1. x", "2) x") or
        // underline a heading ("==="): escape that first marker.
        if let first = out.first, "-+=".contains(first) { return "\\" + out }
        let digits = out.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let marker = out.dropFirst(digits.count).first, marker == "." || marker == ")" {
            return digits + "\\" + out.dropFirst(digits.count)
        }
        return out
    }

    /// A relative URL: each path component percent-encoded, then HTML-escaped.
    public static func url(_ path: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0)
        }
        return html(parts.joined(separator: "/"))
    }
}

/// Mustache content type for Markdown pages: `{{x}}` escapes with `Escape.markdownText`.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { Escape.markdownText(text) }
}

/// A mustache value that is present but false when `v` is nil, so templates
/// can test `{{#x}}` without the key being missing.
func orFalse(_ v: Any?) -> Any { v ?? false }
