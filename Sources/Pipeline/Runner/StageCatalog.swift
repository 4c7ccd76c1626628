import Foundation

/// The work of one standard stage: given its config section, its context
/// (inputs' folders, progress, threads, seed) and an empty output folder,
/// write the artifact's files.
public typealias StageWork<Section> = @Sendable (_ section: Section, _ context: StageContext, _ outputDir: URL) throws -> Void

/// Which module does each stage's work. A nil entry is a stage whose module
/// has not landed: it still has a key and cache state (so an artifact made
/// elsewhere and dropped into runs/ counts as cached), but running it fails
/// with "stage 'X' is not available yet". Modules plug in by setting their
/// entry in `StageCatalog.standard` (see StandardStages.swift).
public struct StageCatalog: Sendable {
    public var data: StageWork<DataSection>?
    public var identity: StageWork<IdentitySection>?
    public var generator: StageWork<GeneratorSection>?
    public var quality: StageWork<QualitySection>?
    public var editors: [EditorKind: StageWork<EditorSection>] = [:]
    public var evaluate: StageWork<EvaluateSection>?
    public var render: StageWork<RenderSection>?
    public var site: StageWork<SiteSection>?

    public init() {}
}

/// A standard stage: identity from the experiment config, work from the catalog.
public struct ConfiguredStage<Section: Codable & Sendable>: Stage {
    public let name: String
    public let inputs: [String]
    public let section: Section
    public let formatVersion: Int
    public let seed: Int
    /// The module that provides the work, for the "not available yet" message.
    public let module: String
    public let work: StageWork<Section>?

    public var configSection: any Encodable & Sendable { section }

    public var availability: StageAvailability { work == nil ? .notYet(module: module) : .available }

    public func run(_ context: StageContext, outputDir: URL) throws {
        guard let work else { throw PipelineError.stageNotAvailable(stage: name, module: module) }
        try work(section, context, outputDir)
    }
}

/// Artifact format versions of the standard stages, in one place: bump one
/// when its files change meaning, and every artifact of that stage (and so
/// everything downstream) is rebuilt.
public enum FormatVersion {
    public static let data = 1
    public static let identity = 1
    public static let generator = 3   // 2: the identity classifier is an input (the identity stage);
                                      // 3: quality.json moves to the quality stage, the generator holds the weights only
    public static let quality = 1
    /// Per editor kind, so that a change to one method rebuilds only its editors.
    public static func editor(_ kind: EditorKind) -> Int {
        switch kind {
        case .ganspace: 2   // 2: PCA of the first block's ReLU output, not of W z + b (SeFa's directions again)
        default: 1
        }
    }
    public static let evaluate = 5   // 2: results.json generator gains confident, class mix, clean rate; 3: identity input;
                                     // 4: the class mix names its classes; 5: ratio intervals resample D_j too,
                                     // calibration notes say below or above
    public static let render = 2     // 2: figures of several seeds at the first seed's T_j (not the mean over seeds)
    public static let site = 7       // 2: claims name differences within the seed spread, one-seed caveat; 3: ≈ marks them;
                                     // 4: the provenance table shows the BLAS kernel set; 5: a failed claim is ✘ when a
                                     // baseline is below curvilinear beyond the seed spread; 6: named classes read "square: 31.0%";
                                     // 7: the downloads are ResultsTables' files, seed-spread table, commutativity claim ≈
}
