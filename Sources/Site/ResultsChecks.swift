import ArtifactContract

/// What the site needs of a results.json beyond its schema, checked when it is loaded so
/// that a file produced elsewhere fails with its key path instead of a bad page: editor
/// names become file names, matrices are drawn cell by cell, slider sizes are multiplied.
enum ResultsChecks {
    /// Experiment and editor names become parts of the site's file names and URLs:
    /// ASCII letters, digits, - and _, at least one.
    static func isFileNameSafe(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    static func check(_ r: Results, file: String) throws {
        func bad(_ key: String, _ reason: String) -> ArtifactError { .badJSON(path: file, keyPath: key, reason: reason) }
        for (group, editors) in [("editors", r.editors), ("editors_fixed_T", r.editorsFixedT ?? [:])] {
            for (name, e) in editors.sorted(by: { $0.key < $1.key }) {
                guard isFileNameSafe(name) else {
                    throw bad("\(group).\(name)", "editor names may use ASCII letters, digits, - and _ only (they name the site's files)")
                }
                let size = e.sideEffect.attributes.count
                guard e.sideEffect.matrix.count == size, e.sideEffect.matrix.allSatisfy({ $0.count == size }) else {
                    throw bad("\(group).\(name).side_effect.matrix", "must be \(size) x \(size), one row and column per attribute of side_effect.attributes")
                }
                for (i, t) in (e.figures?.traversals ?? []).enumerated() {
                    for (key, value, range) in [("frames", t.frames, 1...1024), ("frame_width", t.frameWidth, 1...4096),
                                                ("frame_height", t.frameHeight, 1...4096)] {
                        if let value, !range.contains(value) {
                            throw bad("\(group).\(name).figures.traversals[\(i)].\(key)", "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
                        }
                    }
                }
            }
        }
    }
}
