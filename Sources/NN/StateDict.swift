import Foundation
import Tensor

/// Loading and saving a module's state in safetensors files.
///
/// Load rule: every parameter and buffer of the module must be in the file with
/// the same shape, and every tensor in the file must belong to the module, except
/// names ending in `num_batches_tracked`, which are skipped (PyTorch's batch-norm
/// step counter; this engine uses a fixed momentum, so the counter is not used).
/// Saving writes parameters and buffers only, without `num_batches_tracked`;
/// PyTorch's `load_state_dict` fills that counter in itself. Loading checks
/// everything before changing anything: a failed load leaves the module untouched.
extension Module {
    /// The state as plain arrays, ready to write.
    public func storedState(metadata: [String: String] = [:]) -> SafetensorsFile {
        var file = SafetensorsFile(metadata: metadata)
        for (name, t) in stateDict() { file.tensors[name] = StoredTensor(shape: t.shape, values: t.scalars) }
        return file
    }

    /// Writes the state atomically as F32 safetensors.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try storedState(metadata: metadata).write(to: url)
    }

    /// Reads a safetensors file and loads it (see the load rule above).
    public func load(from url: URL) throws {
        try load(SafetensorsFile.read(from: url), file: url.path)
    }

    /// Copies `stored` into this module's tensors in place (optimizers keep their references).
    /// `file` names the source in errors.
    public func load(_ stored: SafetensorsFile, file: String = "state dict") throws {
        let own = stateDict()
        for name in own.keys.sorted() {
            guard let t = own[name] else { continue }
            guard let s = stored.tensors[name] else { throw SafetensorsError.missingTensor(file: file, tensor: name) }
            // A rank-0 tensor and a one-element vector are the same state (PyTorch stores scalars as []).
            let sameShape = s.shape == t.shape || (s.count == 1 && t.count == 1 && s.shape.count <= 1 && t.rank <= 1)
            guard sameShape else {
                throw SafetensorsError.shapeMismatch(file: file, tensor: name, expected: t.shape, found: s.shape)
            }
        }
        for name in stored.tensors.keys.sorted() where own[name] == nil && !name.hasSuffix("num_batches_tracked") {
            throw SafetensorsError.unexpectedTensor(file: file, tensor: name)
        }
        for (name, t) in own {
            guard let s = stored.tensors[name] else { continue }
            t.withUnsafeMutableBufferPointer { dst in
                s.values.withUnsafeBufferPointer { src in
                    guard let d = dst.baseAddress, let v = src.baseAddress else { return }
                    d.update(from: v, count: Swift.min(dst.count, src.count))
                }
            }
        }
    }
}
