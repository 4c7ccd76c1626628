/// Site build errors: one line, naming the step, the file and what to do.
public enum SiteError: Error, CustomStringConvertible, Equatable {
    /// An error inside a build step, tagged with the step name and the path it concerned.
    case step(name: String, path: String, message: String)
    /// A template names a variable the context does not have.
    case missingVariable(template: String, line: Int, variable: String)
    /// A template does not parse (unclosed section, bad tag, ...).
    case templateSyntax(template: String, line: Int, message: String)
    case missingFile(path: String, what: String)
    case markdown(path: String, message: String)

    public var description: String {
        switch self {
        case .step(let n, let p, let m): return m.contains(p) ? "[\(n)] \(m)" : "[\(n)] \(p): \(m)"
        case .missingVariable(let t, let l, let v):
            return "\(t):\(l): template uses {{\(v)}} but the page context has no \"\(v)\"; fix the name or add it to the context"
        case .templateSyntax(let t, let l, let m): return "\(t):\(l): \(m)"
        case .missingFile(let p, let w): return "\(p): \(w) not found"
        case .markdown(let p, let m): return "\(p): \(m)"
        }
    }
}
