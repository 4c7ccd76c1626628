/// The editors of DESIGN.md section 3; `curvilinear_iso` is the curvilinear
/// editor with the isometry penalty on (our extension, labelled as such).
public enum EditorKind: String, Codable, Sendable, CaseIterable {
    case linear, warped, curvilinear
    case curvilinearIso = "curvilinear_iso"
    case sefa, ganspace

    /// Trained with the reconstructor (the rest are closed form).
    public var isTrained: Bool { ![.sefa, .ganspace].contains(self) }

    /// The config keys that apply to this kind, beyond `kind`, `name`, `directions`.
    public var keys: [String] {
        let training = ["steps", "batch", "lr", "eps_min", "eps_max", "lambda", "seeds"]
        switch self {
        case .linear: return training
        case .warped: return training + ["dipoles"]
        case .curvilinear, .curvilinearIso: return training + ["layers", "hidden", "alpha", "beta"]
        case .sefa: return []
        case .ganspace: return ["samples"]
        }
    }
}

/// One editor entry. Every field has its kind's default, but only the keys
/// that apply to the kind are allowed in YAML and encoded (hashed), so a
/// change to `dipoles` does not retrain a linear editor.
public struct EditorConfig: Sendable, Equatable {
    public var name: String
    public var kind: EditorKind
    public var directions: Int = Defaults.directions
    public var steps: Int = Defaults.editorSteps
    public var batch: Int = Defaults.editorBatch
    public var lr: Double = Defaults.editorLR
    public var epsMin: Double = Defaults.epsMin
    public var epsMax: Double = Defaults.epsMax
    public var lambda: Double = Defaults.lambda
    public var seeds: Int = Defaults.seeds
    public var dipoles: Int = Defaults.dipoles
    public var layers: Int = Defaults.couplingLayers
    public var hidden: Int = Defaults.couplingHidden
    public var alpha: Double = Defaults.alpha
    public var beta: Double
    public var samples: Int = Defaults.ganspaceSamples

    public init(kind: EditorKind, name: String? = nil) {
        self.kind = kind
        self.name = name ?? kind.rawValue
        self.beta = Defaults.beta(for: kind)
    }
}

extension EditorConfig: Codable {
    enum CodingKeys: String, CodingKey {
        case name, kind, directions, steps, batch, lr, epsMin = "eps_min", epsMax = "eps_max", lambda, seeds
        case dipoles, layers, hidden, alpha, beta, samples
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(directions, forKey: .directions)
        let keys = Set(kind.keys)
        func put<T: Encodable>(_ value: T, _ key: CodingKeys) throws {
            if keys.contains(key.stringValue) { try container.encode(value, forKey: key) }
        }
        try put(steps, .steps); try put(batch, .batch); try put(lr, .lr)
        try put(epsMin, .epsMin); try put(epsMax, .epsMax); try put(lambda, .lambda); try put(seeds, .seeds)
        try put(dipoles, .dipoles); try put(layers, .layers); try put(hidden, .hidden)
        try put(alpha, .alpha); try put(beta, .beta); try put(samples, .samples)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try container.decode(EditorKind.self, forKey: .kind),
                  name: try container.decode(String.self, forKey: .name))
        directions = try container.decode(Int.self, forKey: .directions)
        func get<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let decoded = try container.decodeIfPresent(T.self, forKey: key) { value = decoded }
        }
        try get(.steps, &steps); try get(.batch, &batch); try get(.lr, &lr)
        try get(.epsMin, &epsMin); try get(.epsMax, &epsMax); try get(.lambda, &lambda); try get(.seeds, &seeds)
        try get(.dipoles, &dipoles); try get(.layers, &layers); try get(.hidden, &hidden)
        try get(.alpha, &alpha); try get(.beta, &beta); try get(.samples, &samples)
    }
}
