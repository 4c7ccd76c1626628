import Foundation

/// What a run did, printed at its end: each stage ran or cached, wall time
/// per stage, total, and where the site is.
public struct RunSummary: Sendable, Equatable {
    public enum Outcome: String, Sendable { case ran, forced, cached }

    public struct Entry: Sendable, Equatable {
        public var stage: String
        public var outcome: Outcome
        public var seconds: Double
        public var folder: URL
    }

    public var entries: [Entry] = []
    public var totalSeconds: Double = 0
    /// The published site folder, when the run built one.
    public var site: URL?

    public init() {}

    public var ran: [String] { entries.filter { $0.outcome != .cached }.map(\.stage) }
    public var cached: [String] { entries.filter { $0.outcome == .cached }.map(\.stage) }

    /// The summary block, one stage a line, aligned.
    public func formatted(relativeTo base: URL? = nil) -> String {
        let width = entries.map(\.stage.count).max() ?? 0
        var lines = ["summary: \(ran.count) ran, \(cached.count) cached, \(ProgressFormat.seconds(totalSeconds)) in all"]
        for entry in entries {
            let name = entry.stage.padding(toLength: width, withPad: " ", startingAt: 0)
            let time = entry.outcome == .cached ? "" : "  \(ProgressFormat.seconds(entry.seconds))"
            let outcome = entry.outcome.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
            lines.append("  \(name)  \(outcome)\(time)  \(Self.show(entry.folder, relativeTo: base))")
        }
        if let site { lines.append("site: \(Self.show(site, relativeTo: base))/index.html") }
        return lines.joined(separator: "\n")
    }

    static func show(_ url: URL, relativeTo base: URL?) -> String {
        guard let base else { return url.path }
        let prefix = base.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
