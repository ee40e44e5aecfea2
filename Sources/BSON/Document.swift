import CMongoC

/// Owns one heap `bson_t`. Only `Document` holds it, and it is never mutated while shared
/// (copy-on-write), which is what makes the unchecked Sendable sound.
final class DocumentStorage: @unchecked Sendable {
    let pointer: OpaquePointer

    init(stealing pointer: OpaquePointer) { self.pointer = pointer }

    // cmongoc_bson_free also frees structs from cmongoc_bson_alloc, which bson_destroy alone would leak.
    deinit { cmongoc_bson_free(pointer) }
}

/// An ordered BSON document backed by libbson. A value type: copies share bytes until one is changed.
/// Raw `bson_t` pointers are only lent inside closures (`withBSONPointer`), so they cannot outlive it.
public struct Document: Sendable {
    var storage: DocumentStorage

    /// An empty document.
    public init() {
        storage = DocumentStorage(stealing: bson_new())
    }

    /// Takes ownership of a `bson_t` the caller owns: from `bson_new`, `bson_copy`, `bson_new_from_*`, or
    /// `cmongoc_bson_alloc` (a libmongoc out-parameter). The caller must not use or destroy it afterwards.
    public init(stealing pointer: OpaquePointer) {
        storage = DocumentStorage(stealing: pointer)
    }

    /// Copies a `bson_t` the caller keeps owning (for example a reply libmongoc lends to a callback).
    public init(copying pointer: OpaquePointer) {
        storage = DocumentStorage(stealing: bson_copy(pointer))
    }

    /// Validates and copies raw BSON bytes. Malformed or truncated input throws; it never crashes.
    /// Beyond well-formedness (lengths, terminators, type bytes, UTF-8 keys and strings), the document
    /// must nest at most `maximumNestingDepth` levels and hold no deprecated types (JavaScript code,
    /// symbol, DBPointer), which `BSONValue` cannot carry. See `validate`.
    public init<Bytes: Collection>(bytes: Bytes) throws(BSONError) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        guard array.count >= 5 else { throw BSONError.truncated(expected: 5, actual: array.count) }
        let declared = Int(Int32(littleEndian: array.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }))
        guard declared >= 5 else { throw BSONError.malformed("length prefix \(declared) is below 5") }
        guard declared <= array.count else { throw BSONError.truncated(expected: declared, actual: array.count) }
        guard declared == array.count else {
            throw BSONError.malformed("length prefix \(declared) but \(array.count) bytes given")
        }
        guard array[array.count - 1] == 0 else { throw BSONError.malformed("missing terminating NUL byte") }
        guard let pointer = array.withUnsafeBufferPointer({ bson_new_from_data($0.baseAddress, $0.count) }) else {
            throw BSONError.malformed("libbson rejected the document header")
        }
        let storage = DocumentStorage(stealing: pointer)
        try Self.validate(pointer)
        self.storage = storage
    }

    /// Builds a document from key/value pairs in order.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, BSONValue) {
        self.init()
        for (key, value) in pairs { append(key, value) }
    }

    /// Lends the underlying `bson_t` for the duration of `body`. Do not keep the pointer.
    public func withBSONPointer<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        try body(storage.pointer)
    }

    /// Lends a mutable `bson_t` (copying first if shared).
    public mutating func withMutableBSONPointer<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        makeUnique()
        return try body(storage.pointer)
    }

    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = DocumentStorage(stealing: bson_copy(storage.pointer))
        }
    }

    /// The document's length in bytes.
    public var byteCount: Int { Int(cmongoc_bson_len(storage.pointer)) }

    /// The document's BSON bytes.
    public var bytes: [UInt8] { withRawBytes { Array($0) } }

    public var isEmpty: Bool { byteCount <= 5 }

    public var count: Int { Int(bson_count_keys(storage.pointer)) }

    /// The largest document MongoDB stores or sends (its `maxBsonObjectSize`): 16 MiB.
    public static let maximumSize = 16 * 1024 * 1024
}

extension Document: Equatable, Hashable {
    /// Documents are equal when their bytes are (BSON equality is order-sensitive).
    public static func == (lhs: Document, rhs: Document) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.withRawBytes { l in
            rhs.withRawBytes { r in l.count == r.count && memcmp(l.baseAddress!, r.baseAddress!, l.count) == 0 }
        }
    }

    public func hash(into hasher: inout Hasher) { withRawBytes { hasher.combine(bytes: $0) } }

    /// Lends the document's bytes without copying them.
    func withRawBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: bson_get_data(storage.pointer), count: byteCount))
    }
}

extension Document: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init(elements)
    }
}

extension Document: CustomStringConvertible {
    public var description: String { relaxedExtendedJSON }
}
