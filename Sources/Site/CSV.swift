import ArtifactContract
/// A table as CSV (RFC 4180: fields with comma, quote or newline are quoted).
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    public init(header: [String], rows: [[String]]) { self.header = header; self.rows = rows }

    public var text: String {
        ([header] + rows).map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Number formatting used on every page and CSV (locale-free).
enum Fmt {
    static func num(_ x: Double, _ digits: Int = 1) -> String {
        guard x.isFinite else { return "n/a" }
        let s = String(format: "%.\(digits)f", x)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }
    /// What a cell shows for a metric that was not measured (results.json
    /// `identity_error.unavailable`, `generator.features: unavailable`): never 0.
    static let noIdentityClassifier = "n/a (no identity classifier)"

    /// The identity error of an editor, or `unavailable` when it was not measured.
    static func identity(_ e: EditorResults, unavailable: String = noIdentityClassifier) -> String {
        e.identityError.unavailable == nil ? num(e.identityError.mean) : unavailable
    }

    static func ci(_ c: [Double]?) -> String {
        guard let c, c.count == 2 else { return "" }
        return "[\(num(c[0])), \(num(c[1]))]"
    }
    static func seconds(_ s: Double) -> String {
        if s < 60 { return num(s, 1) + " s" }
        if s < 3600 { return num(s / 60, 1) + " min" }
        return num(s / 3600, 2) + " h"
    }
}

/// Display names of editors (DESIGN.md section 3).
public enum EditorLabel {
    public static func of(_ key: String) -> String {
        switch key {
        case "linear": return "Linear"
        case "warped": return "Warped"
        case "curvilinear": return "Curvilinear"
        case "curvilinear_iso": return "Curvilinear + isometry"
        case "sefa": return "SeFa"
        case "ganspace": return "GANSpace"
        default: return key
        }
    }
}
