import CMongoC

/// Owns one heap `bson_t`. Only `Document` holds it, and it is never mutated while shared
/// (copy-on-write), which is what makes the unchecked Sendable sound.
final class DocumentStorage: @unchecked Sendable {
    let pointer: OpaquePointer

    init(stealing pointer: OpaquePointer) { self.pointer = pointer }

    deinit { bson_destroy(pointer) }
}

/// An ordered BSON document backed by libbson. A value type: copies share bytes until one is changed.
/// Raw `bson_t` pointers are only lent inside closures (`withBSONPointer`), so they cannot outlive it.
public struct Document: Sendable {
    var storage: DocumentStorage

    /// An empty document.
    public init() {
        storage = DocumentStorage(stealing: bson_new())
    }

    /// Takes ownership of a heap `bson_t` (from `bson_new`, `bson_copy`, a libmongoc out-parameter made
    /// with `bson_new`...). The caller must not use or destroy it afterwards.
    public init(stealing pointer: OpaquePointer) {
        storage = DocumentStorage(stealing: pointer)
    }

    /// Copies a `bson_t` the caller keeps owning (for example a reply libmongoc lends to a callback).
    public init(copying pointer: OpaquePointer) {
        storage = DocumentStorage(stealing: bson_copy(pointer))
    }

    /// Validates and copies raw BSON bytes. Malformed or truncated input throws; it never crashes.
    public init<Bytes: Collection>(bytes: Bytes) throws where Bytes.Element == UInt8 {
        let array = Array(bytes)
        guard array.count >= 5 else { throw BSONError.truncated(expected: 5, actual: array.count) }
        let declared = Int(Int32(littleEndian: array.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }))
        guard declared >= 5 else { throw BSONError.malformed("length prefix \(declared) is below 5") }
        guard declared <= array.count else { throw BSONError.truncated(expected: declared, actual: array.count) }
        guard declared == array.count else {
            throw BSONError.malformed("length prefix \(declared) but \(array.count) bytes given")
        }
        guard let pointer = array.withUnsafeBufferPointer({ bson_new_from_data($0.baseAddress, $0.count) }) else {
            throw BSONError.malformed("libbson rejected the document header or terminator")
        }
        let storage = DocumentStorage(stealing: pointer)
        var offset = 0
        let flags = BSON_VALIDATE_UTF8.rawValue | BSON_VALIDATE_UTF8_ALLOW_NULL.rawValue
        guard bson_validate(pointer, bson_validate_flags_t(flags), &offset) else {
            throw BSONError.malformed("invalid element at byte offset \(offset)")
        }
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
    public var bytes: [UInt8] {
        let count = byteCount
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let data = bson_get_data(storage.pointer) {
                buffer.baseAddress!.update(from: data, count: count)
            }
            initialized = count
        }
    }

    public var isEmpty: Bool { byteCount <= 5 }

    public var count: Int { Int(bson_count_keys(storage.pointer)) }
}

extension Document: Equatable, Hashable {
    /// Documents are equal when their bytes are (BSON equality is order-sensitive).
    public static func == (lhs: Document, rhs: Document) -> Bool {
        lhs.storage === rhs.storage || lhs.bytes == rhs.bytes
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

extension Document: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init(elements)
    }
}

extension Document: CustomStringConvertible {
    public var description: String { relaxedExtendedJSON }
}
