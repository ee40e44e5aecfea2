import BSON

/// Renders values the way MongoDB's error messages print them (`{ _id: ObjectId('…'), n: 1 }`).
enum ShellFormat {
    static func render(_ document: Document) -> String {
        let fields = document.elements.map { "\($0.key): \(render($0.value))" }
        return fields.isEmpty ? "{}" : "{ " + fields.joined(separator: ", ") + " }"
    }

    static func render(_ value: BSONValue) -> String {
        switch value {
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .double(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) + ".0" : String(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .undefined: return "undefined"
        case .objectId(let oid): return "ObjectId('\(oid.hex)')"
        case .datetime(let ms): return "new Date(\(ms))"
        case .document(let d): return render(d)
        case .array(let items): return "[ " + items.map(render).joined(separator: ", ") + " ]"
        case .minKey: return "MinKey"
        case .maxKey: return "MaxKey"
        case .decimal128(let d): return "NumberDecimal(\"\(d)\")"
        case .timestamp(let t, let i): return "Timestamp(\(t), \(i))"
        case .regex(let p, let o): return "/\(p)/\(o)"
        case .binary(let subtype, let data): return "BinData(\(subtype), \(data.count) bytes)"
        }
    }
}
