import Foundation

/// Element types a safetensors file may hold, with their sizes in bytes.
enum SafetensorsDtype: String {
    case f32 = "F32", f16 = "F16", bf16 = "BF16", f64 = "F64", i64 = "I64", i32 = "I32"

    var size: Int {
        switch self {
        case .f16, .bf16: return 2
        case .f32, .i32: return 4
        case .f64, .i64: return 8
        }
    }
}

extension SafetensorsFile {
    /// Parses the bytes of a safetensors file; `file` only names it in errors.
    public static func decode(_ data: Data, file: String) throws -> SafetensorsFile {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw SafetensorsError.truncated(file: file, size: bytes.count) }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw SafetensorsError.headerPastEnd(file: file, headerLength: headerLength, fileSize: bytes.count)
        }
        let headerEnd = 8 + Int(headerLength)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]))
        } catch {
            throw SafetensorsError.malformedHeader(file: file, reason: "not valid JSON")
        }
        guard let header = json as? [String: Any] else {
            throw SafetensorsError.malformedHeader(file: file, reason: "top level is not a JSON object")
        }
        let dataSize = bytes.count - headerEnd
        var result = SafetensorsFile()
        var spans: [(name: String, begin: Int, end: Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let metadata = value as? [String: String] else {
                    throw SafetensorsError.malformedHeader(file: file, reason: "__metadata__ is not a string-to-string map")
                }
                result.metadata = metadata
                continue
            }
            let entry = try parseEntry(value, name: name, file: file)
            guard entry.begin >= 0, entry.end >= entry.begin, entry.end <= dataSize else {
                throw SafetensorsError.offsetsOutOfRange(file: file, tensor: name, begin: entry.begin, end: entry.end,
                                                         dataSize: dataSize)
            }
            guard let dtype = SafetensorsDtype(rawValue: entry.dtype) else {
                throw SafetensorsError.unknownDtype(file: file, tensor: name, dtype: entry.dtype)
            }
            // Each dimension is below 10^15, but their product may not fit an Int: an
            // overflowing shape cannot describe the bytes it spans, so it mismatches them.
            guard let count = product(entry.shape), count.multipliedReportingOverflow(by: dtype.size) == (entry.end - entry.begin, false) else {
                throw SafetensorsError.byteCountMismatch(file: file, tensor: name, shape: entry.shape,
                                                         dtype: entry.dtype, bytes: entry.end - entry.begin)
            }
            spans.append((name, entry.begin, entry.end))
            let values = convert(bytes, from: headerEnd + entry.begin, count: count, dtype: dtype)
            result.tensors[name] = StoredTensor(shape: entry.shape, values: values)
        }
        spans.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        for i in spans.indices.dropFirst() where spans[i].begin < spans[i - 1].end {
            throw SafetensorsError.overlappingOffsets(file: file, tensor: spans[i].name, other: spans[i - 1].name)
        }
        return result
    }

    /// The product of `dims`, or nil when it overflows an Int.
    private static func product(_ dims: [Int]) -> Int? {
        var result = 1
        for d in dims {
            let (p, overflow) = result.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            result = p
        }
        return result
    }

    private static func parseEntry(_ value: Any, name: String, file: String) throws
        -> (dtype: String, shape: [Int], begin: Int, end: Int) {
        guard let entry = value as? [String: Any],
              let dtype = entry["dtype"] as? String,
              let shape = entry["shape"] as? [Any],
              let offsets = entry["data_offsets"] as? [Any], offsets.count == 2
        else {
            throw SafetensorsError.malformedHeader(
                file: file, reason: "tensor '\(name)' needs dtype, shape and two data_offsets")
        }
        func integer(_ x: Any) -> Int? {
            guard let number = x as? NSNumber else { return nil }
            let double = number.doubleValue
            guard double == double.rounded(), abs(double) < 1e15 else { return nil }
            return Int(double)
        }
        let dims = shape.compactMap(integer)
        guard dims.count == shape.count, dims.allSatisfy({ $0 >= 0 }) else {
            throw SafetensorsError.malformedHeader(file: file, reason: "tensor '\(name)' shape is not a list of sizes")
        }
        guard let begin = integer(offsets[0]), let end = integer(offsets[1]) else {
            throw SafetensorsError.malformedHeader(file: file, reason: "tensor '\(name)' data_offsets are not integers")
        }
        return (dtype, dims, begin, end)
    }

    /// Little-endian elements of `dtype` starting at byte `start`, converted to Float.
    static func convert(_ bytes: [UInt8], from start: Int, count: Int, dtype: SafetensorsDtype) -> [Float] {
        func word(_ at: Int, _ size: Int) -> UInt64 {
            var w: UInt64 = 0
            for i in 0..<size { w |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
            return w
        }
        return (0..<count).map { i in
            let w = word(start + i * dtype.size, dtype.size)
            switch dtype {
            case .f32: return Float(bitPattern: UInt32(w))
            case .f64: return Float(Double(bitPattern: w))
            case .bf16: return Float(bitPattern: UInt32(w) << 16)
            case .f16: return halfToFloat(UInt16(w))
            case .i64: return Float(Int64(bitPattern: w))
            case .i32: return Float(Int32(bitPattern: UInt32(w)))
            }
        }
    }

    /// IEEE 754 binary16 -> binary32 (Float16 is not available on every platform Swift targets).
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign: Float = (h & 0x8000) != 0 ? -1 : 1
        let exponent = Int((h >> 10) & 0x1f)
        let fraction = Float(h & 0x3ff)
        switch exponent {
        case 0: return sign * fraction * Float(pow(2.0, -24.0))          // subnormal
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Float(pow(2.0, Double(exponent - 15)))
        }
    }
}
