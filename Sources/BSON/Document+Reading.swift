import CMongoC

extension Document {
    /// Visits each element in order. Stops early when `body` returns false.
    public func forEachElement(_ body: (String, BSONValue) throws -> Bool) rethrows {
        guard let iter = cmongoc_iter_alloc() else { fatalError("out of memory allocating a bson_iter_t") }
        defer { cmongoc_iter_free(iter) }
        guard bson_iter_init(iter, storage.pointer) else { return }
        while bson_iter_next(iter) {
            let key = String(cString: bson_iter_key(iter))
            if try !body(key, Self.value(at: iter)) { return }
        }
    }

    /// All key/value pairs in order.
    public var elements: [(key: String, value: BSONValue)] {
        var out: [(key: String, value: BSONValue)] = []
        forEachElement { key, value in
            out.append((key, value))
            return true
        }
        return out
    }

    public var keys: [String] { elements.map(\.key) }

    public var values: [BSONValue] { elements.map(\.value) }

    /// The first value stored under `key`, or nil.
    public subscript(key: String) -> BSONValue? {
        get {
            guard let iter = cmongoc_iter_alloc() else { fatalError("out of memory allocating a bson_iter_t") }
            defer { cmongoc_iter_free(iter) }
            let found = key.withCString { bson_iter_init_find(iter, storage.pointer, $0) }
            return found ? Self.value(at: iter) : nil
        }
        set {
            var rebuilt = Document()
            var replaced = false
            for (k, v) in elements {
                if k == key {
                    if !replaced, let newValue { rebuilt.append(k, newValue) }
                    replaced = true
                } else {
                    rebuilt.append(k, v)
                }
            }
            if !replaced, let newValue { rebuilt.append(key, newValue) }
            self = rebuilt
        }
    }

    /// The value at a dotted path ("a.b.c"), stepping into documents and, by numeric component, arrays.
    /// Does not fan out over arrays; query matching does that itself.
    public func value(atPath path: String) -> BSONValue? {
        var current: BSONValue = .document(self)
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .document(let doc):
                guard let next = doc[String(component)] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(component), index >= 0, index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    public func hasKey(_ key: String) -> Bool { self[key] != nil }

    static func value(at iter: OpaquePointer) -> BSONValue {
        switch bson_iter_type(iter) {
        case BSON_TYPE_DOUBLE:
            return .double(bson_iter_double(iter))
        case BSON_TYPE_UTF8:
            var length: UInt32 = 0
            let pointer = bson_iter_utf8(iter, &length)!
            return .string(String(decoding: UnsafeRawBufferPointer(start: pointer, count: Int(length)), as: UTF8.self))
        case BSON_TYPE_DOCUMENT:
            return .document(subdocument(iter, array: false))
        case BSON_TYPE_ARRAY:
            return .array(subdocument(iter, array: true).values)
        case BSON_TYPE_BINARY:
            var subtype = BSON_SUBTYPE_BINARY
            var length: UInt32 = 0
            var data: UnsafePointer<UInt8>?
            bson_iter_binary(iter, &subtype, &length, &data)
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: Int(length))) } ?? []
            return .binary(subtype: UInt8(truncatingIfNeeded: subtype.rawValue), data: bytes)
        case BSON_TYPE_UNDEFINED:
            return .undefined
        case BSON_TYPE_OID:
            let oid = bson_iter_oid(iter)!.pointee
            return .objectId(ObjectId(bytes: withUnsafeBytes(of: oid.bytes) { Array($0) })!)
        case BSON_TYPE_BOOL:
            return .bool(bson_iter_bool(iter))
        case BSON_TYPE_DATE_TIME:
            return .datetime(bson_iter_date_time(iter))
        case BSON_TYPE_NULL:
            return .null
        case BSON_TYPE_REGEX:
            var options: UnsafePointer<CChar>?
            let pattern = bson_iter_regex(iter, &options)
            return .regex(
                pattern: pattern.map { String(cString: $0) } ?? "",
                options: options.map { String(cString: $0) } ?? "")
        case BSON_TYPE_INT32:
            return .int32(bson_iter_int32(iter))
        case BSON_TYPE_TIMESTAMP:
            var t: UInt32 = 0
            var i: UInt32 = 0
            bson_iter_timestamp(iter, &t, &i)
            return .timestamp(t: t, i: i)
        case BSON_TYPE_INT64:
            return .int64(bson_iter_int64(iter))
        case BSON_TYPE_DECIMAL128:
            var dec = bson_decimal128_t()
            bson_iter_decimal128(iter, &dec)
            return .decimal128(Decimal128(low: dec.low, high: dec.high))
        case BSON_TYPE_MINKEY:
            return .minKey
        case BSON_TYPE_MAXKEY:
            return .maxKey
        default:
            // Deprecated types (DBPointer, code, symbol, code-with-scope) are never produced by msgsvc;
            // validated input that carries them is surfaced as undefined rather than crashing.
            return .undefined
        }
    }

    private static func subdocument(_ iter: OpaquePointer, array: Bool) -> Document {
        var length: UInt32 = 0
        var data: UnsafePointer<UInt8>?
        if array { bson_iter_array(iter, &length, &data) } else { bson_iter_document(iter, &length, &data) }
        guard let data, let pointer = bson_new_from_data(data, Int(length)) else { return Document() }
        return Document(stealing: pointer)
    }
}

extension Document: Sequence {
    public func makeIterator() -> IndexingIterator<[(key: String, value: BSONValue)]> {
        elements.makeIterator()
    }
}
