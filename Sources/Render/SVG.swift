import Foundation

/// Small helpers shared by the SVG charts: escaping, number formatting, the
/// palette, and a stylesheet that follows the reader's light/dark preference
/// (an SVG shown through <img> does not inherit the page's CSS).
public enum SVG {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            if let entity = entity(for: ch) { out += entity } else { out.append(ch) }
        }
        return out
    }

    /// The XML/HTML entity that replaces `ch` in text and attribute values, nil if none.
    /// Shared with the site's HTML and Markdown escaping.
    public static func entity(for ch: Character) -> String? {
        switch ch {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        case "'": return "&#39;"
        default: return nil
        }
    }

    /// Fixed-point with `digits` decimals, no locale, "-0.0" printed as "0.0".
    public static func fmt(_ x: Double, _ digits: Int = 1) -> String {
        guard x.isFinite else { return "n/a" }
        let s = String(format: "%.\(digits)f", x)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    /// Categorical colours, readable on light and dark backgrounds.
    public static let palette = ["#3b7dd8", "#e0672a", "#2a9d6f", "#c24d8f", "#8a6bd1", "#b59a2a", "#4aa8b8", "#888888"]

    static func open(width: Int, height: Int, title: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-label="\(escape(title))">
        <title>\(escape(title))</title>
        <style>
        text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:12px;fill:#222}
        .muted{fill:#666}.axis{stroke:#888;stroke-width:1}.grid{stroke:#ddd;stroke-width:1}
        .bg{fill:#fff}.cell-text{font-size:11px}
        @media (prefers-color-scheme: dark){text{fill:#e6e6e6}.muted{fill:#aaa}.grid{stroke:#444}.bg{fill:#16181d}}
        </style>
        <rect class="bg" x="0" y="0" width="\(width)" height="\(height)"/>

        """
    }

    /// Sequential colour scale from pale to deep orange, t in [0, 1].
    static func heat(_ t: Double) -> (String, Bool) {
        let u = min(max(t, 0), 1)
        let r = 255 - u * (255 - 179), g = 247 - u * (247 - 60), b = 236 - u * (236 - 10)
        return (String(format: "#%02x%02x%02x", Int(r), Int(g), Int(b)), u > 0.55)
    }

    /// "Nice" axis maximum and tick step for values up to `maxValue`.
    static func niceScale(_ maxValue: Double, ticks: Int = 5) -> (max: Double, step: Double) {
        let m = maxValue > 0 && maxValue.isFinite ? maxValue : 1
        let raw = m / Double(ticks)
        let mag = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
        return (ceil(m / step) * step, step)
    }
}
