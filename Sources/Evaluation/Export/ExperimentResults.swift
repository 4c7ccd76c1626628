// Every editor of an experiment through `EditorEvaluator`, assembled into the
// public `Results` (results.json, schema 1).

import ArtifactContract

/// One editor to evaluate: its table name and one trained instance per seed.
public struct EditorUnderTest {
    public var name: String
    public var seeds: [any EditFunction]
    public init(name: String, seeds: [any EditFunction]) { self.name = name; self.seeds = seeds }
}

/// Both protocols' tables of one editor.
public struct EditorTables: Equatable, Sendable {
    /// Calibrated strengths (nil when calibration is off).
    public var calibrated: EditorResults?
    public var fixed: EditorResults
}

extension EditorEvaluator {
    /// Evaluates every seed of `editor` and combines them (`SeedAggregation`).
    public func tables(_ editor: EditorUnderTest, identityUnavailable: String? = nil,
                       progress: (String) -> Void = { _ in }) throws -> EditorTables {
        var calibrated: [EditorResults] = [], fixed: [EditorResults] = []
        for (i, instance) in editor.seeds.enumerated() {
            progress("\(editor.name) seed \(i + 1)/\(editor.seeds.count)")
            let e = try evaluate(instance)
            fixed.append(EditorResults(e.fixed, match: e.match, calibration: nil, calibrationLatents: nil,
                                       identityUnavailable: identityUnavailable))
            if let c = e.calibrated {
                calibrated.append(EditorResults(c, match: e.match, calibration: e.calibration,
                                                calibrationLatents: settings.calibrationLatents,
                                                identityUnavailable: identityUnavailable))
            }
        }
        guard let fixedTable = SeedAggregation.combine(fixed) else {
            throw EvaluationError.badSetting(key: "editors[\(editor.name)].seeds", value: "0", expected: "at least one trained editor")
        }
        return EditorTables(calibrated: SeedAggregation.combine(calibrated), fixed: fixedTable)
    }

    /// The protocol record for results.json.
    public var evaluationProtocol: EvaluationProtocol {
        EvaluationProtocol(targetChange: settings.targetChange, fixedT: settings.strength, latents: settings.latents,
                           matchingLatents: settings.matchingLatents, points: settings.points,
                           calibrationLatents: settings.calibrate ? settings.calibrationLatents : nil,
                           bootstrapResamples: settings.bootstrapResamples, calibrated: settings.calibrate)
    }
}

public enum ResultsAssembly {
    /// `editors` holds the calibrated tables and `editors_fixed_T` the fixed-T ones; with
    /// calibration off, `editors` holds the fixed-T tables and `editors_fixed_T` is omitted.
    public static func results(experiment: String, title: String, provenance: Provenance,
                               attributes: [MeasuredAttribute], generator: GeneratorQualityFigures?,
                               tables: [String: EditorTables], evaluationProtocol: EvaluationProtocol,
                               dataset: DatasetInfo? = nil, notes: [String] = []) -> Results {
        let calibrated = tables.compactMapValues(\.calibrated)
        let fixed = tables.mapValues(\.fixed)
        let useCalibrated = !tables.isEmpty && calibrated.count == tables.count
        return Results(
            experiment: experiment, title: title, provenance: provenance,
            attributes: attributes.map { Attribute(key: $0.key, name: $0.measurer.name, std: $0.sigma) },
            generator: generator.map {
                ArtifactContract.GeneratorQuality(frechet: $0.frechet, frechetReal: $0.frechetReal, samples: $0.samples,
                                                  wasserstein: $0.wasserstein.isEmpty ? nil : $0.wasserstein, features: $0.features,
                                                  confident: $0.confident, confidentReal: $0.confidentReal,
                                                  classFractions: $0.classFractions,
                                                  realClassFractions: $0.realClassFractions, classNames: $0.classNames, clean: $0.clean, cleanReal: $0.cleanReal)
            } ?? ArtifactContract.GeneratorQuality(frechet: 0, frechetReal: 0, samples: 0, features: "unavailable"),
            editors: useCalibrated ? calibrated : fixed,
            editorsFixedT: useCalibrated ? fixed : nil,
            dataset: dataset, evaluationProtocol: evaluationProtocol, notes: notes.isEmpty ? nil : notes)
    }
}
