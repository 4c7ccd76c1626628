import Foundation

/// The work wired into the pipeline, one line per stage. Each module's
/// developer adds its line when the module lands, e.g.
///
///     catalog.data = { section, context, out in
///         try DatasetBuilder(section.dataset, seed: context.seed).write(to: out, progress: context.progress)
///     }
///     catalog.editors[.linear] = { section, context, out in
///         let generator = try GeneratorCheckpoint.load(from: context.input("generator"))
///         try EditorTrainer(LinearEditor(section.editor), generator).train(into: out, context: context)
///     }
///
/// Until then the stage reports "not available yet" when it would have to run.
extension StageCatalog {
    public static var standard: StageCatalog {
        var catalog = StageCatalog()
        catalog.data = { section, context, out in try DataStage.run(section, context: context, outputDir: out) }
        catalog.identity = { section, context, out in try IdentityStage.run(section, context: context, outputDir: out) }
        catalog.generator = { section, context, out in try GeneratorStage.run(section, context: context, outputDir: out) }
        catalog.quality = { section, context, out in try QualityStage.run(section, context: context, outputDir: out) }
        for kind in EditorKind.allCases {
            catalog.editors[kind] = { section, context, out in try EditorStage.run(section, context: context, outputDir: out) }
        }
        catalog.evaluate = { section, context, out in try EvaluateStage.run(section, context: context, outputDir: out) }
        catalog.render = { section, context, out in try RenderStage.run(section, context, out) }
        // templates/ and content/ resolve from the working folder, as the CLI's other paths do.
        catalog.site = { section, context, out in try SiteStage.run(section, context, out, workingFolder: context.workingFolder) }
        return catalog
    }
}
