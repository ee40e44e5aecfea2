import CMongoC

extension BSONElementView {
    /// The element's value as an owned `BSONValue`, read straight from the bytes: the same values
    /// `Document`'s libbson-based readers produce, without allocating an iterator. Deprecated types
    /// (DBPointer, code, symbol, code with scope) read as undefined, as they do there.
    public var bsonValue: BSONValue {
        func load<T: FixedWidthInteger>(_: T.Type, at offset: Int = 0) -> T {
            T(littleEndian: value.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        switch type {
        case 0x01: return .double(Double(bitPattern: load(UInt64.self)))
        case 0x02: return .string(stringValue ?? "")
        case 0x03: return .document(Document(copying: BSONView(unsafeBytes: value)) ?? Document())
        case 0x04:
            var items: [BSONValue] = []
            BSONView(unsafeBytes: value).forEachElement { element in
                items.append(element.bsonValue)
                return true
            }
            return .array(items)
        case 0x05:
            let count = Int(load(Int32.self))
            // The old binary subtype (2) repeats its length inside the data; readers skip it, as libbson's do.
            if value[4] == 2, count >= 4 {
                let inner = Int(load(Int32.self, at: 5))
                return .binary(subtype: 2, data: Array(value[9..<(9 + min(inner, count - 4))]))
            }
            return .binary(subtype: value[4], data: Array(value[5..<(5 + count)]))
        case 0x06: return .undefined
        case 0x07: return .objectId(ObjectId(unsafeBytes: value))
        case 0x08: return .bool(value[0] != 0)
        case 0x09: return .datetime(load(Int64.self))
        case 0x0A: return .null
        case 0x0B:
            // Two C strings: pattern, then options.
            let patternEnd = value.firstIndex(of: 0) ?? value.count
            let optionsEnd = value[(patternEnd + 1)...].firstIndex(of: 0) ?? value.count
            return .regex(pattern: String(decoding: value[..<patternEnd], as: UTF8.self),
                          options: String(decoding: value[(patternEnd + 1)..<optionsEnd], as: UTF8.self))
        case 0x10: return .int32(load(Int32.self))
        case 0x11: return .timestamp(t: load(UInt32.self, at: 4), i: load(UInt32.self))
        case 0x12: return .int64(load(Int64.self))
        case 0x13: return .decimal128(Decimal128(low: load(UInt64.self), high: load(UInt64.self, at: 8)))
        case 0xFF: return .minKey
        case 0x7F: return .maxKey
        default: return .undefined
        }
    }

    /// Whether the key's bytes are exactly `utf8`.
    @inlinable
    func keyEquals(_ utf8: UnsafeRawBufferPointer) -> Bool {
        key.count == utf8.count && (key.count == 0 || memcmp(key.baseAddress!, utf8.baseAddress!, key.count) == 0)
    }
}
