/// Everything that can be wrong with a safetensors file or with loading one into a module.
/// Every message names the file and, where there is one, the tensor.
public enum SafetensorsError: Error, CustomStringConvertible, Equatable {
    case unreadable(file: String, reason: String)
    case truncated(file: String, size: Int)
    case headerPastEnd(file: String, headerLength: UInt64, fileSize: Int)
    case malformedHeader(file: String, reason: String)
    case unknownDtype(file: String, tensor: String, dtype: String)
    case offsetsOutOfRange(file: String, tensor: String, begin: Int, end: Int, dataSize: Int)
    case overlappingOffsets(file: String, tensor: String, other: String)
    case byteCountMismatch(file: String, tensor: String, shape: [Int], dtype: String, bytes: Int)
    case writeFailed(file: String, reason: String)
    case missingTensor(file: String, tensor: String)
    case unexpectedTensor(file: String, tensor: String)
    case shapeMismatch(file: String, tensor: String, expected: [Int], found: [Int])
    case badValue(file: String, tensor: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read safetensors file (\(reason)); check the path and permissions"
        case let .truncated(file, size):
            return "\(file): truncated safetensors file (\(size) bytes, need at least 8 for the header length); re-export it"
        case let .headerPastEnd(file, length, size):
            return "\(file): header length \(length) runs past the end of the \(size)-byte file; the file is truncated or not safetensors"
        case let .malformedHeader(file, reason):
            return "\(file): malformed safetensors JSON header (\(reason)); re-export it with safetensors.torch.save_file"
        case let .unknownDtype(file, tensor, dtype):
            return "\(file): tensor '\(tensor)' has unsupported dtype '\(dtype)'; convert it to F32, F16, BF16 or F64"
        case let .offsetsOutOfRange(file, tensor, begin, end, size):
            return "\(file): tensor '\(tensor)' data_offsets [\(begin), \(end)] lie outside the \(size)-byte data section; the file is corrupt"
        case let .overlappingOffsets(file, tensor, other):
            return "\(file): tensor '\(tensor)' data overlaps tensor '\(other)'; the file is corrupt"
        case let .byteCountMismatch(file, tensor, shape, dtype, bytes):
            return "\(file): tensor '\(tensor)' of shape \(shape) and dtype \(dtype) does not fit its \(bytes) data bytes; the file is corrupt"
        case let .writeFailed(file, reason):
            return "\(file): cannot write safetensors file (\(reason)); check the folder exists and is writable"
        case let .missingTensor(file, tensor):
            return "\(file): tensor '\(tensor)' is missing; the checkpoint was made for a different architecture or width"
        case let .unexpectedTensor(file, tensor):
            return "\(file): unexpected tensor '\(tensor)' that the model does not have; the checkpoint was made for a different architecture"
        case let .shapeMismatch(file, tensor, expected, found):
            return "\(file): tensor '\(tensor)' has shape \(found) but the model expects \(expected); check the latent size, width and channels"
        case let .badValue(file, tensor, value, expected):
            return "\(file): tensor '\(tensor)' holds \(value), expected \(expected); the file is corrupt"
        }
    }
}
