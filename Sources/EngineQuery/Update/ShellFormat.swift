import BSON

/// Values written the way mongod's error messages write them (`{ a: 1, b: "x" }`, `[ 1, 2 ]`), so
/// messages read like a real server's.
enum ShellFormat {
    /// `key: value`, as mongod prints one element.
    static func element(_ key: String, _ value: BSONValue) -> String { "\(key): \(describe(value))" }

    static func document(_ document: Document) -> String {
        let fields = document.elements.map { element($0.key, $0.value) }
        return fields.isEmpty ? "{}" : "{ \(fields.joined(separator: ", ")) }"
    }

    static func describe(_ value: BSONValue) -> String {
        switch value {
        case .double(let d): return double(d)
        case .string(let s): return "\"\(s)\""
        case .document(let d): return document(d)
        case .array(let items):
            return items.isEmpty ? "[]" : "[ \(items.map(describe).joined(separator: ", ")) ]"
        case .binary(let subtype, let data):
            return "BinData(\(subtype), \(data.map(hexByte).joined()))"
        case .undefined: return "undefined"
        case .objectId(let oid): return "ObjectId('\(oid.hex)')"
        case .bool(let b): return b ? "true" : "false"
        case .datetime(let ms): return "new Date(\(ms))"
        case .null: return "null"
        case .regex(let pattern, let options): return "/\(pattern)/\(options)"
        case .int32(let v): return String(v)
        case .timestamp(let t, let i): return "Timestamp(\(t), \(i))"
        case .int64(let v): return String(v)
        case .decimal128(let d): return "NumberDecimal(\"\(d)\")"
        case .minKey: return "MinKey"
        case .maxKey: return "MaxKey"
        }
    }

    /// Two hex digits, uppercase as mongod prints binary data.
    private static func hexByte(_ byte: UInt8) -> String {
        String(decoding: [HexDigit.lowercase(byte >> 4), HexDigit.lowercase(byte & 0xF)], as: UTF8.self).uppercased()
    }

    /// Integral doubles keep a ".0" so they read apart from integers, as mongod prints them.
    private static func double(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        if d == d.rounded(), abs(d) < 1e15 { return "\(Int64(d)).0" }
        return "\(d)"
    }
}
