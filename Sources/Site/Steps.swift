import ArtifactContract
import Foundation
import Render

/// The build steps (see `SiteBuilder.steps`), each transforming the state.
enum Steps {
    /// The experiment page template, instantiated once per experiment.
    static let experimentTemplate = "experiment"
    /// Pages in navigation order; the experiment pages go after "method".
    static let fixedPages = [("index", "Overview"), ("method", "Method"), ("gallery", "Gallery")]

    static func loadTemplates(_ s: inout BuildState) throws {
        let t = s.config.templates
        s.layout = try PageTemplate.load(t.appendingPathComponent("layout.html"), kind: .html)
        let pages = t.appendingPathComponent("pages")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: pages.path)) ?? []
        for f in files.sorted() where f.hasSuffix(".md") {
            let tpl = try PageTemplate.load(pages.appendingPathComponent(f), kind: .markdown)
            s.templates[String(f.dropLast(3))] = tpl
        }
        for (name, _) in fixedPages + [(experimentTemplate, "")] where s.templates[name] == nil {
            throw SiteError.missingFile(path: pages.appendingPathComponent(name + ".md").path, what: "page template")
        }
    }

    static func loadContent(_ s: inout BuildState) throws {
        let dir = s.config.content
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for f in files.sorted() where f.hasSuffix(".md") {
            let url = dir.appendingPathComponent(f)
            // experiment-NAME.html is the generated page of experiment NAME.
            guard !f.hasPrefix("experiment-") else {
                throw SiteError.step(name: "load content", path: url.path,
                                     message: "pages named experiment-* are the experiments' own; rename the file")
            }
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw SiteError.missingFile(path: url.path, what: "readable UTF-8 Markdown")
            }
            s.content[String(f.dropLast(3))] = text
        }
    }

    static func loadResults(_ s: inout BuildState) throws {
        let folder = ResultsFolder(root: s.config.results)
        for name in try folder.experimentNames() {
            guard ResultsChecks.isFileNameSafe(name) else {
                throw SiteError.step(name: "load results", path: folder.experimentFolder(name).path,
                                     message: "experiment names may use ASCII letters, digits, - and _ only; rename the folder")
            }
            let r = try folder.results(name)
            try ResultsChecks.check(r, file: folder.resultsURL(name).path)
            for (key, file) in figurePaths(r) {
                guard !file.hasPrefix("/"), !file.split(separator: "/").contains("..") else {
                    throw ArtifactError.badJSON(path: folder.resultsURL(name).path, keyPath: key,
                                                reason: "figure path \"\(file)\" must be relative to the experiment folder")
                }
                // The site writes its own tables, charts and results.json beside the figures.
                guard [".png", ".svg"].contains(where: file.lowercased().hasSuffix), !file.hasPrefix("charts/") else {
                    throw ArtifactError.badJSON(path: folder.resultsURL(name).path, keyPath: key,
                                                reason: "figure path \"\(file)\" must name a .png or .svg file outside charts/")
                }
                var isFolder: ObjCBool = false
                let url = folder.experimentFolder(name).appendingPathComponent(file)
                if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) || isFolder.boolValue {
                    throw ArtifactError.missingFigure(path: folder.resultsURL(name).path, key: key, file: file)
                }
            }
            s.experiments.append(LoadedExperiment(results: r, manifest: try folder.manifest(name),
                                                  folder: folder.experimentFolder(name)))
        }
    }

    /// Every figure path named in results.json, with its key path for errors.
    static func figurePaths(_ r: Results) -> [(String, String)] {
        var out: [(String, String)] = []
        if let f = r.figures {
            if let p = f.realSamples { out.append(("figures.real_samples", p)) }
            if let p = f.generatedSamples { out.append(("figures.generated_samples", p)) }
            for (i, strip) in (f.sideEffectStrips ?? []).enumerated() {
                out.append(("figures.side_effect_strips[\(i)].image", strip.image))
                if let p = strip.plot { out.append(("figures.side_effect_strips[\(i)].plot", p)) }
            }
        }
        for group in [("editors", r.editors), ("editors_fixed_T", r.editorsFixedT ?? [:])] {
            for (e, res) in group.1.sorted(by: { $0.key < $1.key }) {
                guard let f = res.figures else { continue }
                if let p = f.commutativityGrid { out.append(("\(group.0).\(e).figures.commutativity_grid", p)) }
                for (i, t) in (f.traversals ?? []).enumerated() {
                    out.append(("\(group.0).\(e).figures.traversals[\(i)].strip", t.strip))
                    if let p = t.sprite { out.append(("\(group.0).\(e).figures.traversals[\(i)].sprite", p)) }
                }
            }
        }
        return out
    }

    static func copyFigures(_ s: inout BuildState) throws {
        let fm = FileManager.default
        for e in s.experiments {
            var seen = Set<String>()
            for (_, file) in figurePaths(e.results) where seen.insert(file).inserted {
                let dst = s.staging.appendingPathComponent(e.dataPath).appendingPathComponent(file)
                try fm.createDirectory(at: dst.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: e.folder.appendingPathComponent(file), to: dst)
                s.written += 1
            }
        }
    }

    static func writeData(_ s: inout BuildState) throws {
        var headline: [[String]] = []
        for e in s.experiments {
            let data = try ArtifactJSON.encode(e.results)
            try s.write(String(decoding: data, as: UTF8.self), to: "\(e.dataPath)/results.json")
            // The same tables `curvilinear evaluate` writes, so a paper's LaTeX is the same
            // from either place (DESIGN.md section 7).
            for table in ResultsTables.all(e.results) {
                try s.write(CSVFormat.render(table), to: "\(e.dataPath)/\(table.name).csv")
                try s.write(LaTeXFormat.render(table, label: ResultsTables.label(e.name, table.name)),
                            to: "\(e.dataPath)/\(table.name).tex")
            }
            headline += Tables.headline(e.results).rows
        }
        try s.write(CSVTable(header: Tables.headlineHeader, rows: headline).text, to: SitePath.headlineCSV)
    }

    static func drawCharts(_ s: inout BuildState) throws {
        for e in s.experiments {
            s.charts[e.name] = try ExperimentCharts.draw(e, into: &s)
        }
    }

    static func planPages(_ s: inout BuildState) throws {
        func page(_ file: String, _ title: String, _ template: String, _ ctx: [String: Any]) -> PageSource {
            var c = ctx
            c["site_title"] = s.config.siteTitle
            return PageSource(file: file, title: title, template: template, context: c)
        }
        s.pages.append(page("index.html", "Overview", "index", IndexContext.make(s)))
        s.pages.append(page("method.html", "Method", "method", ["content": contentContext(s)]))
        for e in s.experiments {
            s.pages.append(page(e.pageFile, e.results.title, experimentTemplate,
                                ExperimentContext.make(e, charts: s.charts[e.name] ?? ExperimentCharts())))
        }
        s.pages.append(page("gallery.html", "Gallery", "gallery", GalleryContext.make(s)))
        for (name, title) in userPages(s) {
            s.pages.append(page("\(name).html", title, "", ["content": contentContext(s), "page_name": name]))
        }
    }

    static func renderPages(_ s: inout BuildState) throws {
        guard let layout = s.layout else { throw SiteError.missingFile(path: "layout.html", what: "layout") }
        let nav = navigation(s)
        for p in s.pages {
            let markdown: String
            if p.template.isEmpty, let name = p.context["page_name"] as? String {
                markdown = s.content[name] ?? ""
            } else if let tpl = s.templates[p.template] {
                markdown = try tpl.render(p.context)
            } else {
                throw SiteError.missingFile(path: "pages/\(p.template).md", what: "page template")
            }
            let body = Headings.process(try Markdown.html(markdown))
            let ctx: [String: Any] = [
                "site_title": s.config.siteTitle,
                "page_title": p.title,
                "content": body,
                "nav": nav.map { item -> [String: Any] in
                    ["title": item.title, "href": Escape.url(item.file), "current": item.file == p.file]
                },
            ]
            try s.write(try layout.render(ctx), to: p.file)
        }
    }

    static func copyAssets(_ s: inout BuildState) throws {
        let src = s.config.templates.appendingPathComponent("assets")
        guard FileManager.default.fileExists(atPath: src.path) else {
            throw SiteError.missingFile(path: src.path, what: "assets folder")
        }
        let dst = s.staging.appendingPathComponent("assets")
        try FileManager.default.copyItem(at: src, to: dst)
        s.written += ((try? FileManager.default.subpathsOfDirectory(atPath: dst.path))?.count ?? 0)
    }

    static func navigation(_ s: BuildState) -> [(file: String, title: String)] {
        var nav: [(String, String)] = [("index.html", "Overview"), ("method.html", "Method")]
        nav += s.experiments.map { ($0.pageFile, $0.results.title) }
        nav.append(("gallery.html", "Gallery"))
        return nav + userPages(s).map { ("\($0.name).html", $0.title) }
    }

    /// Content pages with no template of their own (`content/NAME.md`), which become pages
    /// of their own, titled by their first heading.
    static func userPages(_ s: BuildState) -> [(name: String, title: String)] {
        s.content.sorted(by: { $0.key < $1.key }).filter { s.templates[$0.key] == nil }.map {
            ($0.key, title(ofMarkdown: $0.value, fallback: $0.key))
        }
    }

    /// `content.NAME` is the raw Markdown of `content/NAME.md`.
    static func contentContext(_ s: BuildState) -> [String: Any] { s.content }

    static func title(ofMarkdown md: String, fallback: String) -> String {
        for line in md.split(separator: "\n") where line.hasPrefix("# ") { return String(line.dropFirst(2)) }
        return fallback
    }
}
