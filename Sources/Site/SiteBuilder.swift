import ArtifactContract
import AtomicFile
import Foundation

/// Builds the static site: a list of named steps run in order. The site is
/// built in a temporary folder beside the output and swapped in at the end,
/// so a failed build leaves the previous site untouched.
public struct SiteBuilder {
    public let config: SiteConfig
    /// Progress lines (`[i/n] step`); defaults to standard output.
    public var log: (String) -> Void

    public init(config: SiteConfig, log: @escaping (String) -> Void = { print($0) }) {
        self.config = config; self.log = log
    }

    static let steps: [BuildStep] = [
        BuildStep(name: "load templates", run: Steps.loadTemplates),
        BuildStep(name: "load content", run: Steps.loadContent),
        BuildStep(name: "load results", run: Steps.loadResults),
        BuildStep(name: "copy figures", run: Steps.copyFigures),
        BuildStep(name: "write data and CSV", run: Steps.writeData),
        BuildStep(name: "draw charts", run: Steps.drawCharts),
        BuildStep(name: "plan pages", run: Steps.planPages),
        BuildStep(name: "render pages", run: Steps.renderPages),
        BuildStep(name: "copy assets", run: Steps.copyAssets),
    ]

    /// Runs every step, then publishes. Returns the number of files written.
    @discardableResult
    public func build() throws -> Int {
        let fm = FileManager.default
        let parent = config.output.deletingLastPathComponent()
        if let problem = SiteFolder.problem(replacing: config.output) {
            throw SiteError.step(name: "publish", path: config.output.path, message: "cannot publish the site here: \(problem)")
        }
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        Self.recoverInterruptedBuilds(of: config.output)
        let staging = parent.appendingPathComponent(".\(config.output.lastPathComponent).building-\(Self.token)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        var state = BuildState(config: config, staging: staging)
        let total = Self.steps.count + 1
        do {
            for (i, step) in Self.steps.enumerated() {
                log("[\(i + 1)/\(total)] \(step.name)")
                do { try step.run(&state) } catch let e as SiteError {
                    if case .step = e { throw e }
                    throw SiteError.step(name: step.name, path: Self.path(of: e, default: config.templates.path), message: "\(e)")
                } catch {
                    throw SiteError.step(name: step.name, path: Self.path(of: error, default: config.results.path), message: "\(error)")
                }
            }
            log("[\(total)/\(total)] publish \(config.output.path)")
            try publish(staging: staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        return state.written
    }

    /// Swaps the staging folder in: old site aside, new one in place, old one removed.
    func publish(staging: URL) throws {
        let fm = FileManager.default
        let out = config.output
        let old = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).old-\(Self.token)")
        do {
            if fm.fileExists(atPath: out.path) { try fm.moveItem(at: out, to: old) }
            try fm.moveItem(at: staging, to: out)
            try? fm.removeItem(at: old)
        } catch {
            if !fm.fileExists(atPath: out.path), fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: out) }
            throw SiteError.step(name: "publish", path: out.path, message: "cannot swap in the new site (\(error.localizedDescription))")
        }
    }

    /// `RANDOM-PID`: unique, and names the process that owns the folder.
    static var token: String { "\(UUID().uuidString.prefix(8))-\(getpid())" }

    /// A build killed mid-way leaves `.NAME.building-*` (and, between the two renames of
    /// publish, `.NAME.old-*` with no NAME): the next build removes those of dead
    /// processes and puts a lost previous site back.
    static func recoverInterruptedBuilds(of output: URL) {
        let fm = FileManager.default, parent = output.deletingLastPathComponent(), name = output.lastPathComponent
        for entry in ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? []).sorted() {
            guard entry.hasPrefix(".\(name).building-") || entry.hasPrefix(".\(name).old-"),
                  let pid = entry.split(separator: "-").last.flatMap({ Int32($0) }), !AtomicFile.processIsAlive(pid)
            else { continue }
            let url = parent.appendingPathComponent(entry)
            if entry.hasPrefix(".\(name).old-"), !fm.fileExists(atPath: output.path), (try? fm.moveItem(at: url, to: output)) != nil {
                continue
            }
            try? fm.removeItem(at: url)
        }
    }

    static func path(of error: Error, default fallback: String) -> String {
        switch error {
        case let e as SiteError:
            switch e {
            case .missingVariable(let t, _, _), .templateSyntax(let t, _, _): return t
            case .missingFile(let p, _), .markdown(let p, _), .step(_, let p, _): return p
            }
        case let e as ArtifactError:
            switch e {
            case .missing(let p), .unreadable(let p, _), .badJSON(let p, _, _), .unsupportedSchema(let p, _),
                 .nameMismatch(let p, _, _), .missingFigure(let p, _, _): return p
            }
        default: return fallback
        }
    }
}
