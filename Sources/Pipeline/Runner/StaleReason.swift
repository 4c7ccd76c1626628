import Foundation

/// Why a stage's newest older artifact no longer serves: the parts of the key
/// (`ArtifactStore.key`: format version, seed, config section, input keys) that
/// differ between that artifact's manifest and the stage as configured now. So
/// `status` can say "config changed" only when the config did, and otherwise
/// name the inputs whose artifacts were rebuilt. Read only by `status`, so planning
/// a run does not open old manifests.
enum StaleReason {
    static func describe(previous folder: URL, stage: any Stage, inputKeys: [String: String]) -> [String] {
        guard let old = try? Manifest.read(from: folder) else { return ["its manifest is unreadable"] }
        var reasons: [String] = []
        if old.formatVersion != stage.formatVersion {
            reasons.append("format version \(old.formatVersion) -> \(stage.formatVersion)")
        }
        if old.seed != stage.seed { reasons.append("seed \(old.seed) -> \(stage.seed)") }
        if (try? CanonicalJSON.string(old.config)) != (try? CanonicalJSON.string(stage.configSection)) {
            reasons.append("config changed")
        }
        let inputs = inputKeys.keys.sorted().filter { old.inputs[$0] != inputKeys[$0] }
        if !inputs.isEmpty { reasons.append("input changed: " + inputs.joined(separator: ", ")) }
        return reasons.isEmpty ? ["key changed"] : reasons
    }
}
