import CMongoC

extension Document {
    /// Visits each element in order. Stops early when `body` returns false.
    public func forEachElement(_ body: (String, BSONValue) throws -> Bool) rethrows {
        let iter = HeapIterator()
        guard iter.start(storage.pointer) else { return }
        while iter.next() {
            if try !body(iter.key, Self.value(at: iter.pointer)) { return }
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

    /// The keys in order (without decoding the values).
    public var keys: [String] {
        var out: [String] = []
        let iter = HeapIterator()
        guard iter.start(storage.pointer) else { return out }
        while iter.next() { out.append(iter.key) }
        return out
    }

    public var values: [BSONValue] { elements.map(\.value) }

    /// The first value stored under `key`, or nil. Setting replaces that element where it stands and drops
    /// any later duplicates; setting nil removes them all; a new key goes at the end. Keys end at their
    /// first NUL, as BSON keys do (see `Document.ElementKey`).
    public subscript(key: String) -> BSONValue? {
        get {
            // A walk over the bytes: no iterator to allocate, keys compared in place.
            var key = key
            return key.withUTF8 { utf8 in
                let name = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8).prefix { $0 != 0 })
                var found: BSONValue?
                _ = withView { view in
                    view.forEachElement { element in
                        guard element.keyEquals(name) else { return true }
                        found = element.bsonValue
                        return false
                    }
                }
                return found
            }
        }
        set { self = replacing(key, with: newValue) }
    }

    /// The value at a dotted path ("a.b.0"), stepping into documents by key and into arrays by position.
    /// An array step must be a plain decimal index ("0", "12"; not "01" or "+1"), as in MongoDB paths.
    /// Does not fan out over arrays; query matching does that itself.
    public func value(atPath path: String) -> BSONValue? {
        let components = path.dottedPathComponents()
        var iter = HeapIterator()
        guard iter.start(storage.pointer), iter.find(ElementKey(components[0])) else { return nil }
        for component in components.dropFirst() {
            let child = HeapIterator()
            switch iter.type {
            case BSON_TYPE_DOCUMENT:
                guard iter.descend(into: child), child.find(ElementKey(component)) else { return nil }
            case BSON_TYPE_ARRAY:
                guard let position = Self.arrayIndex(component), iter.descend(into: child),
                    child.advance(to: position)
                else { return nil }
            default:
                return nil
            }
            iter = child
        }
        return Self.value(at: iter.pointer)
    }

    public func hasKey(_ key: String) -> Bool {
        let iter = HeapIterator()
        return iter.start(storage.pointer) && iter.find(ElementKey(key))
    }

    /// A path component naming an array position: decimal digits without a leading zero (or just "0").
    static func arrayIndex(_ component: Substring) -> Int? {
        guard let first = component.utf8.first, component.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            first != 0x30 || component.utf8.count == 1
        else { return nil }
        return Int(component)
    }

    static func value(at iter: OpaquePointer) -> BSONValue {
        switch bson_iter_type(iter) {
        case BSON_TYPE_DOUBLE:
            return .double(bson_iter_double(iter))
        case BSON_TYPE_UTF8:
            var length: UInt32 = 0
            let pointer = bson_iter_utf8(iter, &length)!
            return .string(String(decoding: UnsafeRawBufferPointer(start: pointer, count: Int(length)), as: UTF8.self))
        case BSON_TYPE_DOCUMENT:
            return .document(subdocument(iter))
        case BSON_TYPE_ARRAY:
            return .array(arrayItems(iter))
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
            return .objectId(withUnsafeBytes(of: oid.bytes) { ObjectId(unsafeBytes: $0) })
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

    private static func subdocument(_ iter: OpaquePointer) -> Document {
        var length: UInt32 = 0
        var data: UnsafePointer<UInt8>?
        bson_iter_document(iter, &length, &data)
        guard let data, let pointer = bson_new_from_data(data, Int(length)) else { return Document() }
        return Document(stealing: pointer)
    }

    private static func arrayItems(_ iter: OpaquePointer) -> [BSONValue] {
        let child = HeapIterator()
        guard bson_iter_recurse(iter, child.pointer) else { return [] }
        var items: [BSONValue] = []
        while child.next() { items.append(value(at: child.pointer)) }
        return items
    }
}

extension Document: Sequence {
    public func makeIterator() -> IndexingIterator<[(key: String, value: BSONValue)]> {
        elements.makeIterator()
    }
}
