import AtomicFile
import Foundation
import Tensor

/// A tensor as stored in a file: shape and row-major float32 values, independent of the engine.
public struct StoredTensor: Equatable, Sendable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }

    public var count: Int { shape.reduce(1, *) }
}

/// The contents of one safetensors file: named tensors and the free-form `__metadata__` strings.
///
/// Format: u64 little-endian header length n; n bytes of JSON
/// `{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {string: string}}`;
/// then the raw little-endian data, offsets relative to the end of the header.
public struct SafetensorsFile: Equatable, Sendable {
    public var tensors: [String: StoredTensor]
    public var metadata: [String: String]

    public init(tensors: [String: StoredTensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Reads F32, and F16, BF16, F64, I64, I32 converted to F32.
    public static func read(from url: URL) throws -> SafetensorsFile {
        try decode(bytes(of: url), file: url.path)
    }

    /// The file's bytes, for a caller that also needs them (to hash them) before `decode`.
    public static func bytes(of url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw SafetensorsError.unreadable(file: url.path, reason: error.localizedDescription)
        }
    }

    /// Writes every tensor as F32, atomically (temporary file beside it, then
    /// rename), into a folder that must exist.
    public func write(to url: URL) throws {
        do {
            try AtomicFile.write(encode(), to: url, creatingFolder: false)
        } catch {
            throw SafetensorsError.writeFailed(file: error.path, reason: error.reason)
        }
    }
}

extension StoredTensor {
    /// The values of an engine tensor.
    public init(_ tensor: Tensor) {
        self.init(shape: tensor.shape, values: tensor.scalars)
    }

    /// A new engine tensor holding these values.
    public func tensor(requiresGrad: Bool = false) -> Tensor {
        Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }
}
