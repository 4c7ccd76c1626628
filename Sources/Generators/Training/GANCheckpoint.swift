import Foundation
import NN
import Tensor

/// A GAN training checkpoint folder:
///
///     training.safetensors   everything needed to resume: generator.*, discriminator.*,
///                            ema.* (if on), adam_g.{m,v}.*, adam_g.step, adam_d.*;
///                            metadata: step, options (JSON), initial_generator_sha256
///     generator.safetensors  the generator to use (EMA weights if on, batch-norm statistics
///                            recomputed), PyTorch names main.*; metadata: arch, width,
///                            latent_dim, channels, kind, step
///     manifest.json          kind, step, options, recent losses, wall time, code version,
///                            threads, BLAS kernel set, SHA-256 of the warm-start file
///
/// Each file is written atomically; the manifest last, so it never names a step whose
/// state is not on disk.
public enum GANCheckpoint {
    public static func stateFile(in folder: URL) -> URL { folder.appendingPathComponent("training.safetensors") }
    public static func generatorFile(in folder: URL) -> URL { folder.appendingPathComponent("generator.safetensors") }
    public static func manifestFile(in folder: URL) -> URL { folder.appendingPathComponent("manifest.json") }

    public struct Manifest: Codable, Sendable, Equatable {
        public var kind: String
        public var step: Int
        public var options: GANTrainingOptions
        public var lossD: Double
        public var lossG: Double
        public var wallSeconds: Double
        /// The code that trained it (`GANTrainer.codeVersion`) and the threads of its numeric
        /// work, on which its floats depend; nil in manifests written before they were recorded.
        public var codeVersion: String?
        public var threads: Int?
        /// OpenBLAS's kernel set (`BLAS.coreName`): another set rounds the products
        /// differently. Nil in manifests written before it was recorded.
        public var blasCore: String? = nil
        /// SHA-256 of the warm-start file (`GANTrainer.initialGeneratorSHA256`); nil without
        /// one, and in manifests written before it was recorded.
        public var initialGeneratorSHA256: String?
        public var files: [String]
    }

    @discardableResult
    static func write(_ trainer: GANTrainer, to folder: URL, wallSeconds: Double) throws -> DCGAN32Generator {
        let optionsJSON = try optionsText(trainer.options)
        var state = SafetensorsFile(metadata: ["step": String(trainer.step), "options": optionsJSON,
                                               "data": trainer.images.fingerprint])
        if let hash = trainer.initialGeneratorSHA256 { state.metadata["initial_generator_sha256"] = hash }
        func add(_ module: any Module, _ prefix: String) {
            for (name, t) in module.stateDict() { state.tensors[prefix + name] = StoredTensor(t) }
        }
        add(trainer.generator, "generator.")
        add(trainer.discriminator, "discriminator.")
        if let ema = trainer.ema { add(ema.average, "ema.") }
        state.tensors.merge(trainer.generatorOptimizer.storedState(prefix: "adam_g."), uniquingKeysWith: { $1 })
        state.tensors.merge(trainer.discriminatorOptimizer.storedState(prefix: "adam_d."), uniquingKeysWith: { $1 })
        try state.write(to: stateFile(in: folder))

        let exported = try trainer.exportedGenerator()
        try exported.save(to: generatorFile(in: folder), metadata: GeneratorMetadata(
            kind: "gan", arch: "dcgan32", width: exported.width, latentDim: exported.latentDim,
            channels: exported.channels, step: trainer.step).strings)

        let recent = trainer.losses.suffix(50)
        let n = Double(Swift.max(recent.count, 1))
        let manifest = Manifest(kind: "gan", step: trainer.step, options: trainer.options,
                                lossD: recent.map { Double($0.discriminator) }.reduce(0, +) / n,
                                lossG: recent.map { Double($0.generator) }.reduce(0, +) / n,
                                wallSeconds: wallSeconds, codeVersion: trainer.codeVersion, threads: BLAS.threads,
                                blasCore: BLAS.coreName,
                                initialGeneratorSHA256: trainer.initialGeneratorSHA256,
                                files: ["training.safetensors", "generator.safetensors", "manifest.json"])
        try writeAtomically(try encodeJSON(manifest), to: manifestFile(in: folder))
        return exported
    }

    /// The options as sorted JSON with the property names as they are (round-trips exactly).
    static func optionsText(_ options: GANTrainingOptions) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(options), as: UTF8.self)
    }

    /// Whether a run with options `b` may continue one trained with `a` up to `step`: the
    /// same options except the budget and the start of the learning-rate decay, as long as
    /// both schedules were still constant over steps 0..<step (so the checkpoint is exactly
    /// what `b` would have computed).
    static func continues(_ a: GANTrainingOptions, as b: GANTrainingOptions, atStep step: Int) -> Bool {
        var same = b
        same.steps = a.steps
        same.lrDecayStart = a.lrDecayStart
        guard a == same else { return false }
        if a.steps == b.steps && a.lrDecayStart == b.lrDecayStart { return true }
        return step <= (a.lrDecayStart ?? .max) && step <= (b.lrDecayStart ?? .max)
    }

    /// The options that differ between two `optionsText` strings, named by their config keys:
    /// ("lr, ema", "0.001, 0.99", "0.0002, 0.999") for (keys, ours, theirs).
    static func differences(_ theirs: String, _ ours: String) -> (keys: String, ours: String, theirs: String) {
        func object(_ text: String) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }
        func show(_ v: Any?) -> String {
            guard let v, !(v is NSNull) else { return "none" }
            if let n = v as? NSNumber, !(v is Bool) { return "\(n)" }
            return (try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed])).map { String(decoding: $0, as: UTF8.self) } ?? "\(v)"
        }
        let a = object(theirs), b = object(ours)
        let changed = Set(a.keys).union(b.keys).sorted().filter { show(a[$0]) != show(b[$0]) }
        guard !changed.isEmpty else { return ("options", ours, theirs) }
        let names = changed.map { GANTrainingOptions.configKeys[$0] ?? $0 }
        return (names.joined(separator: ", "), changed.map { show(b[$0]) }.joined(separator: ", "),
                changed.map { show(a[$0]) }.joined(separator: ", "))
    }

    /// Restores a trainer (built with the same options) to the checkpoint in `folder`.
    public static func resume(_ trainer: GANTrainer, from folder: URL) throws {
        let url = stateFile(in: folder)
        let state: SafetensorsFile
        do {
            state = try SafetensorsFile.read(from: url)
        } catch {
            throw GANTrainingError.checkpointUnreadable(file: url.path, reason: "\(error)")
        }
        guard let stepText = state.metadata["step"], let step = Int(stepText), step >= 0 else {
            throw GANTrainingError.checkpointIncomplete(file: url.path, tensor: "__metadata__.step")
        }
        // Without its options a checkpoint cannot be shown to be this run's.
        guard let theirs = state.metadata["options"] else {
            throw GANTrainingError.checkpointIncomplete(file: url.path, tensor: "__metadata__.options")
        }
        let ours = try optionsText(trainer.options)
        if theirs != ours {
            let a: GANTrainingOptions
            do {
                a = try JSONDecoder().decode(GANTrainingOptions.self, from: Data(theirs.utf8))
            } catch {
                throw GANTrainingError.checkpointUnreadable(file: url.path, reason: "options metadata: \(error)")
            }
            if !continues(a, as: trainer.options, atStep: step) {
                let (keys, expected, found) = differences(theirs, ours)
                throw GANTrainingError.checkpointMismatch(file: url.path, key: keys, expected: expected, found: found)
            }
        }
        // Checkpoints from before the fingerprint have none: those resume as before.
        if let theirs = state.metadata["data"], theirs != trainer.images.fingerprint {
            throw GANTrainingError.checkpointMismatch(file: url.path, key: "data", expected: trainer.images.fingerprint, found: theirs)
        }
        func part(_ prefix: String) -> SafetensorsFile {
            var f = SafetensorsFile()
            for (name, t) in state.tensors where name.hasPrefix(prefix) { f.tensors[String(name.dropFirst(prefix.count))] = t }
            return f
        }
        do {
            try trainer.generator.load(part("generator."), file: url.path)
            try trainer.discriminator.load(part("discriminator."), file: url.path)
            if let ema = trainer.ema { try ema.average.load(part("ema."), file: url.path) }
            try trainer.generatorOptimizer.restore(state.tensors, prefix: "adam_g.", file: url.path)
            try trainer.discriminatorOptimizer.restore(state.tensors, prefix: "adam_d.", file: url.path)
        } catch let error as SafetensorsError {
            throw GANTrainingError.checkpointUnreadable(file: url.path, reason: error.description)
        }
        trainer.setStep(step)
        // The run started from the file it read at step 0, not from whatever is at that path now.
        if let hash = state.metadata["initial_generator_sha256"] { trainer.initialGeneratorSHA256 = hash }
    }
}

/// The `__metadata__` of a shipped generator file: what it is and how to rebuild it.
public struct GeneratorMetadata: Equatable, Sendable {
    public var kind: String          // gan | vae
    public var arch: String
    public var width: Int
    public var latentDim: Int
    public var channels: Int
    public var step: Int

    public var strings: [String: String] {
        ["kind": kind, "arch": arch, "width": String(width), "latent_dim": String(latentDim),
         "channels": String(channels), "step": String(step)]
    }

    public init(kind: String, arch: String, width: Int, latentDim: Int, channels: Int, step: Int) {
        self.kind = kind; self.arch = arch; self.width = width
        self.latentDim = latentDim; self.channels = channels; self.step = step
    }
}
