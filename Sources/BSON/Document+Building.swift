import CMongoC

extension Document {
    /// Appends `key: value` at the end (BSON allows repeated keys; callers that want replacement use the
    /// subscript setter).
    public mutating func append(_ key: String, _ value: BSONValue) {
        makeUnique()
        Self.append(value, key: key, to: storage.pointer)
    }

    /// A copy with `key: value` appended.
    public func appending(_ key: String, _ value: BSONValue) -> Document {
        var copy = self
        copy.append(key, value)
        return copy
    }

    /// Builds the BSON array document (keys "0", "1", …) for `items`.
    public static func arrayDocument(_ items: [BSONValue]) -> Document {
        var doc = Document()
        for (index, item) in items.enumerated() { doc.append(String(index), item) }
        return doc
    }

    static func append(_ value: BSONValue, key: String, to bson: OpaquePointer) {
        let ok: Bool = key.withCString { k in
            // Keys with an interior NUL cannot be expressed in BSON; strlen stops at it, as libbson does.
            let keyLength = Int32(strlen(k))
            switch value {
            case .double(let d): return bson_append_double(bson, k, keyLength, d)
            case .string(let s):
                // libbson appends null for a NULL value pointer; withCString never lends one, not even for an
                // empty string, and lends a native string's own bytes (interior NULs included) without copying.
                return s.withCString { bson_append_utf8(bson, k, keyLength, $0, Int32(s.utf8.count)) }
            case .document(let d):
                return d.withBSONPointer { bson_append_document(bson, k, keyLength, $0) }
            case .array(let items):
                return arrayDocument(items).withBSONPointer { bson_append_array(bson, k, keyLength, $0) }
            case .binary(let subtype, let data):
                return data.withUnsafeBufferPointer {
                    bson_append_binary(bson, k, keyLength, bson_subtype_t(UInt32(subtype)), $0.baseAddress, UInt32($0.count))
                }
            case .undefined: return bson_append_undefined(bson, k, keyLength)
            case .objectId(let oid):
                var c = oid.cValue
                return bson_append_oid(bson, k, keyLength, &c)
            case .bool(let b): return bson_append_bool(bson, k, keyLength, b)
            case .datetime(let ms): return bson_append_date_time(bson, k, keyLength, ms)
            case .null: return bson_append_null(bson, k, keyLength)
            case .regex(let pattern, let options):
                return bson_append_regex(bson, k, keyLength, pattern, options)
            case .int32(let v): return bson_append_int32(bson, k, keyLength, v)
            case .timestamp(let t, let i): return bson_append_timestamp(bson, k, keyLength, t, i)
            case .int64(let v): return bson_append_int64(bson, k, keyLength, v)
            case .decimal128(let d):
                var c = bson_decimal128_t(low: d.low, high: d.high)
                return bson_append_decimal128(bson, k, keyLength, &c)
            case .minKey: return bson_append_minkey(bson, k, keyLength)
            case .maxKey: return bson_append_maxkey(bson, k, keyLength)
            }
        }
        // libbson refuses only when the document would exceed INT32_MAX bytes.
        precondition(ok, "BSON document grew beyond its maximum size")
    }
}
