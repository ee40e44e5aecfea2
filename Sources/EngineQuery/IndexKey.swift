import BSON

/// Order-preserving byte encodings of BSON values for index keys: comparing two encodings with memcmp
/// gives the same answer as `BSONOrder.compare` on the values.
///
/// Layout of one component (ascending):
/// - byte 0 is the type-bracket tag (`Tag`), so every value of a bracket lies in `bracketRange`;
/// - then a body that is self-delimiting: fixed-width fields, or strings with 0x00 escaped as
///   0x00 0xFF and ended by 0x00 0x00; documents and arrays list their elements and end with 0x00,
///   which is below every tag.
/// Because no encoding is a prefix of another, concatenated components compare as tuples. A
/// descending component is the bitwise complement of its ascending bytes: order reverses and it stays
/// prefix-free. Equal numbers of any type (1, 1.0, Int64(1), -0.0 and 0.0) encode identically, so a
/// unique index treats them as duplicates, as MongoDB does; undefined encodes as null.
public enum IndexKey {
    /// The leading byte of each type bracket's encodings (ascending). Gaps are deliberate: 0x00 is the
    /// end-of-elements marker inside documents and arrays.
    public enum Tag {
        public static let minKey: UInt8 = TypeBracket.minKey.rawValue  // 0x10
        public static let null: UInt8 = TypeBracket.null.rawValue  // 0x20, also undefined and missing
        public static let number: UInt8 = TypeBracket.number.rawValue  // 0x30
        public static let string: UInt8 = TypeBracket.string.rawValue  // 0x40
        public static let object: UInt8 = TypeBracket.object.rawValue  // 0x50
        public static let array: UInt8 = TypeBracket.array.rawValue  // 0x60
        public static let binData: UInt8 = TypeBracket.binData.rawValue  // 0x70
        public static let objectId: UInt8 = TypeBracket.objectId.rawValue  // 0x80
        public static let bool: UInt8 = TypeBracket.bool.rawValue  // 0x90
        public static let date: UInt8 = TypeBracket.date.rawValue  // 0xA0
        public static let timestamp: UInt8 = TypeBracket.timestamp.rawValue  // 0xB0
        public static let regex: UInt8 = TypeBracket.regex.rawValue  // 0xC0
        public static let maxKey: UInt8 = TypeBracket.maxKey.rawValue  // 0xF0
    }

    /// The ascending tag byte that starts `value`'s encoding.
    public static func typeTag(of value: BSONValue) -> UInt8 { TypeBracket(value).rawValue }

    /// Half-open byte bounds holding exactly the single-component encodings of one bracket:
    /// `[tag] ..< [tag + 1]` ascending, `[~tag] ..< [~tag + 1]` descending.
    public static func bracketRange(tag: UInt8, ascending: Bool) -> (lower: [UInt8], upper: [UInt8]) {
        let first = ascending ? tag : ~tag
        return ([first], [first &+ 1])
    }

    /// The smallest byte string greater than every string that starts with `prefix`, for exclusive
    /// bounds after an encoded value; nil when no such string exists (the prefix is all 0xFF).
    public static func prefixSuccessor(_ prefix: [UInt8]) -> [UInt8]? {
        var bytes = prefix
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return nil
    }

    /// The ascending encoding of one value.
    public static func encode(_ value: BSONValue) -> [UInt8] {
        var out: [UInt8] = []
        append(value, to: &out)
        return out
    }

    /// A compound key: each value encoded in order, complemented where its direction is descending.
    public static func encode(_ values: [BSONValue], ascending: [Bool]) -> [UInt8] {
        precondition(values.count == ascending.count, "one direction per key component")
        var out: [UInt8] = []
        for (value, isAscending) in zip(values, ascending) {
            appendComponent(value, ascending: isAscending, to: &out)
        }
        return out
    }

    static func appendComponent(_ value: BSONValue, ascending: Bool, to out: inout [UInt8]) {
        let start = out.count
        append(value, to: &out)
        if !ascending {
            for index in start..<out.count { out[index] = ~out[index] }
        }
    }

    static func append(_ value: BSONValue, to out: inout [UInt8]) {
        out.append(typeTag(of: value))
        appendBody(value, to: &out)
    }

    /// Everything after the tag.
    private static func appendBody(_ value: BSONValue, to out: inout [UInt8]) {
        switch value {
        case .minKey, .maxKey, .null, .undefined:
            break
        case .int32, .int64, .double, .decimal128:
            NumericKey(value)!.append(to: &out)
        case .string(let s):
            appendString(s, to: &out)
        case .document(let doc):
            doc.forEachElement { key, element in
                out.append(typeTag(of: element))
                appendString(key, to: &out)
                appendBody(element, to: &out)
                return true
            }
            out.append(0)
        case .array(let items):
            for item in items { append(item, to: &out) }
            out.append(0)
        case .binary(let subtype, let data):
            appendBigEndian(UInt32(data.count), to: &out)
            out.append(subtype)
            out.append(contentsOf: data)
        case .objectId(let oid):
            oid.withUnsafeBytes { out.append(contentsOf: $0) }
        case .bool(let b):
            out.append(b ? 1 : 0)
        case .datetime(let ms):
            appendBigEndian(UInt64(bitPattern: ms) ^ (1 << 63), to: &out)
        case .timestamp(let t, let i):
            appendBigEndian(t, to: &out)
            appendBigEndian(i, to: &out)
        case .regex(let pattern, let options):
            appendString(pattern, to: &out)
            appendString(options, to: &out)
        }
    }

    /// UTF-8 bytes with 0x00 escaped as 0x00 0xFF, ended by 0x00 0x00: self-delimiting and still in
    /// byte order (an end sorts before any continuation).
    private static func appendString(_ s: String, to out: inout [UInt8]) {
        appendEscaped(s, to: &out)
        out.append(0)
        out.append(0)
    }

    private static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        for byte in s.utf8 {
            out.append(byte)
            if byte == 0 { out.append(0xFF) }
        }
    }

    /// The bytes every string key starting with `prefix` starts with (type tag, escaped body, no end):
    /// with its successor, the index range a prefix-anchored regex reads.
    public static func stringPrefix(_ prefix: String) -> [UInt8] {
        var out: [UInt8] = [Tag.string]
        appendEscaped(prefix, to: &out)
        return out
    }

    private static func appendBigEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        var big = value.bigEndian
        withUnsafeBytes(of: &big) { out.append(contentsOf: $0) }
    }
}

extension IndexKey {
    /// The distinct index keys of `document` under `pattern`, ascending in byte order: one per
    /// combination of array elements the pattern's paths fan out over (see `KeyValueExtraction`;
    /// missing fields index as null, and so does an empty array, where MongoDB stores undefined).
    /// Throws CannotIndexParallelArrays when two different arrays would have to be combined.
    public static func keys(for document: Document, pattern: KeyPattern) throws(EngineError) -> [[UInt8]] {
        let tuples = try KeyValueExtraction.tuples(for: document, paths: pattern.paths)
        let directions = pattern.ascending
        let keys = Set(tuples.map { encode($0, ascending: directions) })
        return keys.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
