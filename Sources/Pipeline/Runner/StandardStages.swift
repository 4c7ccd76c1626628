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
        for kind in EditorKind.allCases {
            catalog.editors[kind] = { section, context, out in try EditorStage.run(section, context: context, outputDir: out) }
        }
        return catalog
    }
}
