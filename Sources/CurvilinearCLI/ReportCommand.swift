import ArgumentParser
import Pipeline

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run an experiment end to end and publish the site.",
        discussion: """
        Runs data, generator, every editor, evaluate, render and site, skipping each stage \
        whose artifact is cached in runs/, then copies the site to --site-dir.

        Examples:
          curvilinear report                    the default experiment (sprites)
          curvilinear report mnist
          curvilinear report --all              every experiment, one site
          curvilinear report --force evaluate   recompute the metrics only
        """
    )

    @OptionGroup var selection: ExperimentSelection
    @OptionGroup var force: ForceOption

    @Option(name: .customLong("site-dir"), help: "Where the site is published.")
    var siteDir = "site"

    @OptionGroup var options: SharedOptions

    func run() throws {
        try runPipeline(options, selection, through: .site, force: force.stages, siteDir: siteDir)
    }
}
