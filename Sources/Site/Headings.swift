/// Gives h2/h3 headings ids and, on long pages, puts an "On this page" list
/// after the h1 (cmark-gfm emits neither).
enum Headings {
    /// Pages with at least this many h2 sections get a table of contents.
    static let tocThreshold = 4

    struct Entry { let level: Int; let id: String; let text: String }

    static func process(_ html: String) -> String {
        var out = ""
        var entries: [Entry] = []
        var used = Set<String>()
        var rest = Substring(html)
        while let open = rest.range(of: "<h") {
            let after = rest[open.upperBound...]
            guard let levelChar = after.first, levelChar == "2" || levelChar == "3",
                  after.dropFirst().first == ">",
                  let close = after.range(of: "</h\(levelChar)>") else {
                out += rest[..<open.upperBound]
                rest = rest[open.upperBound...]
                continue
            }
            let inner = after[after.index(after.startIndex, offsetBy: 2)..<close.lowerBound]
            let text = stripTags(String(inner))
            var id = slug(text), n = 2
            while used.contains(id) { id = "\(slug(text))-\(n)"; n += 1 }
            used.insert(id)
            entries.append(Entry(level: levelChar == "2" ? 2 : 3, id: id, text: text))
            out += rest[..<open.lowerBound]
            out += "<h\(levelChar) id=\"\(id)\">\(inner)</h\(levelChar)>"
            rest = after[close.upperBound...]
        }
        out += rest
        guard entries.filter({ $0.level == 2 }).count >= tocThreshold, let h1 = out.range(of: "</h1>\n") else { return out }
        return String(out[..<h1.upperBound]) + toc(entries) + String(out[h1.upperBound...])
    }

    static func toc(_ entries: [Entry]) -> String {
        var s = "<nav class=\"toc\" aria-label=\"On this page\"><strong>On this page</strong>\n<ul>\n"
        var inSub = false
        for (i, e) in entries.enumerated() {
            if e.level == 3 && !inSub { s += "<ul>\n"; inSub = true }
            if e.level == 2 && inSub { s += "</ul></li>\n"; inSub = false }
            s += "<li><a href=\"#\(e.id)\">\(e.text)</a>"
            let nextIsSub = i + 1 < entries.count && entries[i + 1].level == 3
            s += (e.level == 2 && nextIsSub) ? "\n" : "</li>\n"
        }
        if inSub { s += "</ul></li>\n" }
        return s + "</ul>\n</nav>\n"
    }

    /// Text of an HTML fragment (entities kept, so it stays escaped).
    static func stripTags(_ s: String) -> String {
        var out = "", inTag = false
        for ch in s {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out
    }

    static func slug(_ text: String) -> String {
        var s = "", dash = false
        for ch in text.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { s.append(ch); dash = false }
            else if !dash && !s.isEmpty { s.append("-"); dash = true }
        }
        while s.hasSuffix("-") { s.removeLast() }
        return s.isEmpty ? "section" : s
    }
}
