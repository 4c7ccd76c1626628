import ArgumentParser
import Foundation
import Site

/// `curvilinear site`: builds the static site from a results folder that
/// follows the artifact contract (Sources/ArtifactContract/README.md).
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Build the static results website from a results folder.",
        discussion: """
        Reads DIR/NAME/results.json (and manifest.json, figures/) for every experiment NAME in \
        --results, fills templates/ with them and content/*.md, and replaces --out only when the \
        build succeeds. `curvilinear report` and `curvilinear render` export every rendered \
        experiment to runs/results, so with no arguments this rebuilds the site they published \
        (after a template edit, say). Results made elsewhere (the artifact contract) publish the \
        same way.

        Examples:
          curvilinear site                              rebuild site/ from runs/results
          curvilinear site --results ~/cluster/results --out public
        """
    )

    @Option(name: .long, help: "Results folder: one subfolder per experiment holding results.json.")
    var results: String = "runs/results"

    @Option(name: .long, help: "Output folder (replaced atomically).")
    var out: String = "site"

    @Option(name: .long, help: "Templates folder (layout.html, pages/, assets/).")
    var templates: String = "templates"

    @Option(name: .long, help: "Content folder (the user's Markdown pages).")
    var content: String = "content"

    @Option(name: .long, help: "Site title shown in the header.")
    var title: String = "Curvilinear"

    func validate() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: results, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError("--results \(results) is not a folder; run `curvilinear report` (or render) first, or point at a results folder")
        }
        guard FileManager.default.fileExists(atPath: templates + "/layout.html") else {
            throw ValidationError("--templates \(templates) has no layout.html; run from the repository root or pass --templates")
        }
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func url(_ p: String) -> URL { URL(fileURLWithPath: p, relativeTo: cwd).standardizedFileURL }
        let config = SiteConfig(results: url(results), output: url(out), templates: url(templates),
                                content: url(content), siteTitle: title)
        let start = Date()
        do {
            let files = try SiteBuilder(config: config).build()
            print("site: \(files) files in \(config.output.path) (\(String(format: "%.2f", Date().timeIntervalSince(start))) s)")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\nhint: fix the file named above and rerun; the previous \(out) is untouched\n".utf8))
            throw ExitCode.failure
        }
    }
}
