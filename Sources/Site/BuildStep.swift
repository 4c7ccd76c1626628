import ArtifactContract
import Foundation

/// Where the site reads from and writes to.
public struct SiteConfig: Sendable {
    /// Results folder (artifact contract: `DIR/NAME/results.json`, ...).
    public var results: URL
    /// Output folder; replaced as a whole only when a build succeeds.
    public var output: URL
    /// `layout.html`, `pages/*.md`, `assets/`.
    public var templates: URL
    /// The user's Markdown pages (`content/*.md`); may be absent.
    public var content: URL
    /// Site name shown in the header.
    public var siteTitle: String

    public init(results: URL, output: URL, templates: URL, content: URL, siteTitle: String = "Curvilinear") {
        self.results = results; self.output = output; self.templates = templates; self.content = content
        self.siteTitle = siteTitle
    }
}

/// Where the site keeps its downloadable files.
enum SitePath {
    /// The folder of every experiment's data (`data/NAME/`) and of the cross-experiment CSV.
    static let data = "data"
    static let headlineCSV = "\(data)/headline.csv"
}

/// One experiment as read from the results folder.
struct LoadedExperiment {
    let results: Results
    let manifest: Manifest?
    let folder: URL
    var name: String { results.experiment }
    /// Site-relative folder of its data, CSVs, figures and charts.
    var dataPath: String { "\(SitePath.data)/\(name)" }
    /// Its page (content pages may not take the `experiment-` prefix).
    var pageFile: String { "experiment-\(name).html" }
}

/// A page ready to render: its output file, title and filled Markdown.
struct PageSource {
    let file: String
    let title: String
    let template: String
    let context: [String: Any]
}

/// The value the steps transform, Publish-style.
struct BuildState {
    let config: SiteConfig
    /// The temporary folder the site is built in, beside `config.output`.
    let staging: URL
    var layout: PageTemplate?
    var templates: [String: PageTemplate] = [:]
    var content: [String: String] = [:]
    var experiments: [LoadedExperiment] = []
    /// Per experiment: site-relative paths of generated charts and CSVs.
    var charts: [String: ExperimentCharts] = [:]
    var pages: [PageSource] = []
    var written = 0

    /// Writes a file into the staging folder (creating folders) and returns its site-relative path.
    @discardableResult
    mutating func write(_ text: String, to relative: String) throws -> String {
        let url = staging.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        written += 1
        return relative
    }
}

/// A named build step; errors it throws are tagged with its name.
struct BuildStep: Sendable {
    let name: String
    let run: @Sendable (inout BuildState) throws -> Void
}
