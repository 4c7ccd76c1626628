/// swift-mustache renders a missing variable as an empty string (the mustache
/// spec's choice). A site that silently loses a number is worse than a failed
/// build, so every template is walked against its context first: each tag
/// must resolve, sections must close, and the error names template, line and
/// variable. Sections are checked for every element they iterate.
struct TemplateCheck: Sendable {
    indirect enum Node: Sendable {
        case variable(String, line: Int)
        case section(String, line: Int, inverted: Bool, children: [Node])
    }

    let name: String
    let nodes: [Node]

    /// Parses the tag structure of `text` (default `{{ }}` delimiters only).
    init(_ text: String, name: String) throws {
        self.name = name
        var stack: [(name: String, line: Int, inverted: Bool, children: [Node])] = [("", 0, false, [])]
        let chars = Array(text.utf8)
        var i = 0, line = 1
        let open: [UInt8] = Array("{{".utf8)
        while i < chars.count {
            if chars[i] == UInt8(ascii: "\n") { line += 1; i += 1; continue }
            guard chars[i] == open[0], i + 1 < chars.count, chars[i + 1] == open[1] else { i += 1; continue }
            let tagLine = line
            var j = i + 2
            let triple = j < chars.count && chars[j] == UInt8(ascii: "{")
            if triple { j += 1 }
            var end = j
            while end + 1 < chars.count && !(chars[end] == UInt8(ascii: "}") && chars[end + 1] == UInt8(ascii: "}")) {
                if chars[end] == UInt8(ascii: "\n") { line += 1 }
                end += 1
            }
            guard end + 1 < chars.count else {
                throw SiteError.templateSyntax(template: name, line: tagLine, message: "tag opened with {{ is never closed with }}")
            }
            var body = String(decoding: chars[j..<end], as: UTF8.self)
            i = end + 2
            if triple {
                guard i < chars.count, chars[i] == UInt8(ascii: "}") else {
                    throw SiteError.templateSyntax(template: name, line: tagLine, message: "{{{ must close with }}}")
                }
                i += 1
            }
            body = body.trimmingCharacters(in: .whitespaces)
            guard let sigil = body.first else {
                throw SiteError.templateSyntax(template: name, line: tagLine, message: "empty tag {{}}")
            }
            let rest = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "!", "%": continue
            case "=", ">", "<", "$":
                throw SiteError.templateSyntax(template: name, line: tagLine,
                                               message: "tag {{\(body)}} (delimiters, partials, inheritance) is not used by this site")
            case "#", "^":
                try Self.checkName(rest, template: name, line: tagLine)
                stack.append((rest, tagLine, sigil == "^", []))
            case "/":
                guard stack.count > 1, let top = stack.last else {
                    throw SiteError.templateSyntax(template: name, line: tagLine, message: "{{/\(rest)}} closes a section that was never opened")
                }
                guard top.name == rest else {
                    throw SiteError.templateSyntax(template: name, line: tagLine,
                                                   message: "{{/\(rest)}} closes section \"\(top.name)\" opened on line \(top.line)")
                }
                stack.removeLast()
                stack[stack.count - 1].children.append(.section(top.name, line: top.line, inverted: top.inverted, children: top.children))
            case "&":
                try Self.checkName(rest, template: name, line: tagLine)
                stack[stack.count - 1].children.append(.variable(rest, line: tagLine))
            default:
                try Self.checkName(body, template: name, line: tagLine)
                stack[stack.count - 1].children.append(.variable(body, line: tagLine))
            }
        }
        if stack.count > 1, let top = stack.last {
            throw SiteError.templateSyntax(template: name, line: top.line, message: "section {{#\(top.name)}} is never closed")
        }
        nodes = stack[0].children
    }

    static func checkName(_ s: String, template: String, line: Int) throws {
        let ok = !s.isEmpty && (s == "." || s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" })
        if !ok { throw SiteError.templateSyntax(template: template, line: line, message: "bad tag name \"\(s)\"") }
    }

    /// Checks every tag against `context` (dictionaries, arrays, strings, bools, numbers).
    func validate(_ context: Any) throws {
        try walk(nodes, stack: [context])
    }

    private func walk(_ nodes: [Node], stack: [Any]) throws {
        for node in nodes {
            switch node {
            case .variable(let v, let line):
                if Self.resolve(v, stack) == nil { throw SiteError.missingVariable(template: name, line: line, variable: v) }
            case .section(let v, let line, let inverted, let children):
                guard let value = Self.resolve(v, stack) else {
                    throw SiteError.missingVariable(template: name, line: line, variable: v)
                }
                if inverted {
                    if !Self.truthy(value) { try walk(children, stack: stack) }
                } else if let array = value as? [Any] {
                    for element in array { try walk(children, stack: stack + [element]) }
                } else if Self.truthy(value) {
                    try walk(children, stack: value is Bool ? stack : stack + [value])
                }
            }
        }
    }

    /// As swift-mustache decides a section: false and empty lists skip it; anything else,
    /// the empty string included, renders it (contexts use `false` for "absent").
    static func truthy(_ v: Any) -> Bool {
        if let b = v as? Bool { return b }
        if let a = v as? [Any] { return !a.isEmpty }
        return true
    }

    /// Mustache name resolution: `.` is the top of the stack; the first part of
    /// a dotted name is looked up from the top down, the rest inside it.
    static func resolve(_ name: String, _ stack: [Any]) -> Any? {
        if name == "." { return stack.last }
        let parts = name.split(separator: ".").map(String.init)
        guard let head = parts.first else { return nil }
        var value: Any? = nil
        for frame in stack.reversed() {
            if let d = frame as? [String: Any], let v = d[head] { value = v; break }
        }
        for part in parts.dropFirst() {
            guard let d = value as? [String: Any], let v = d[part] else { return nil }
            value = v
        }
        return value
    }
}
