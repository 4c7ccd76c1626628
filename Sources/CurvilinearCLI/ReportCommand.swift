import ArgumentParser
import Pipeline

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run an experiment end to end and publish the site.",
        discussion: """
        Runs data, generator, every editor, evaluate, render and site, skipping each stage \
        whose artifact is cached in runs/, then publishes the site to --site-dir (replaced in \
        one step, so it is always a complete site) and prints where its index.html is. Each \
        experiment's results and figures are also exported to RUNS-DIR/results, which \
        `curvilinear site` reads. An interrupted report (Ctrl-C, kill, crash) resumes from the \
        last finished stage when run again. Progress is a live bar on a terminal and plain \
        lines otherwise; a summary of what ran, what was cached and the time of each stage \
        ends the run.

        Examples:
          curvilinear report                    the default experiment (sprites)
          curvilinear report mnist
          curvilinear report --all              every experiment, one site
          curvilinear report --force evaluate   recompute the metrics, figures and site
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
