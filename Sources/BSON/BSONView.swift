import CMongoC

/// A read-only look at a document's bytes that it does not own: a libmongoc cursor's current document,
/// or a `Document` lent by `withView`. Valid only while the lender keeps the bytes, so only use one
/// inside the closure it is given to, and never keep it.
///
/// Walking it allocates nothing: elements come as byte ranges, and keys are compared as bytes. Every
/// length is checked against the document's bounds; a walk stops at the first element that does not fit.
public struct BSONView {
    /// The whole document: length prefix, elements, terminating NUL.
    public let bytes: UnsafeRawBufferPointer

    /// A view of `bytes`, which must stay valid and unchanged while the view is used.
    @inlinable
    public init(unsafeBytes bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// A view of a `bson_t` the caller keeps alive (and unchanged) while the view is used.
    public init(borrowing bson: OpaquePointer) {
        bytes = UnsafeRawBufferPointer(start: bson_get_data(bson), count: Int(cmongoc_bson_len(bson)))
    }

    /// Visits each element in order until `body` returns false or the document ends. Returns false when
    /// it stopped at bytes that are not a well-formed element (a truncated value, an unknown type), true
    /// otherwise.
    @inlinable
    @discardableResult
    public func forEachElement(_ body: (BSONElementView) throws -> Bool) rethrows -> Bool {
        guard bytes.count >= 5 else { return false }
        let declared = Int(Int32(littleEndian: bytes.loadUnaligned(as: Int32.self)))
        guard declared >= 5, declared <= bytes.count else { return false }
        // The last byte of the document is its terminator; elements end before it.
        let end = declared - 1
        var offset = 4
        while offset < end {
            let type = bytes[offset]
            if type == 0 { return false }  // a terminator before the end
            let keyStart = offset + 1
            var keyEnd = keyStart
            while keyEnd < end && bytes[keyEnd] != 0 { keyEnd += 1 }
            guard keyEnd < end else { return false }
            let valueStart = keyEnd + 1
            guard let valueLength = Self.valueLength(type: type, in: bytes, at: valueStart, end: end) else {
                return false
            }
            let element = BSONElementView(
                type: type, key: UnsafeRawBufferPointer(rebasing: bytes[keyStart..<keyEnd]),
                value: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<(valueStart + valueLength)]))
            if try !body(element) { return true }
            offset = valueStart + valueLength
        }
        return offset == end && bytes[end] == 0
    }

    /// The length of the value of type `type` starting at `start`, or nil when it does not fit before
    /// `end` or the type is unknown.
    @inlinable
    static func valueLength(type: UInt8, in bytes: UnsafeRawBufferPointer, at start: Int, end: Int) -> Int? {
        let available = end - start
        func fixed(_ n: Int) -> Int? { n <= available ? n : nil }
        func int32(at offset: Int) -> Int? {
            guard offset + 4 <= end else { return nil }
            return Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        }
        /// A string value (length prefix, bytes, NUL) starting at `offset`: its total length.
        func string(at offset: Int) -> Int? {
            guard let length = int32(at: offset), length >= 1, offset + 4 + length <= end,
                bytes[offset + 4 + length - 1] == 0
            else { return nil }
            return 4 + length
        }
        func cString(at offset: Int) -> Int? {
            var index = offset
            while index < end && bytes[index] != 0 { index += 1 }
            return index < end ? index - offset + 1 : nil
        }
        switch type {
        case 0x01, 0x09, 0x11, 0x12: return fixed(8)  // double, datetime, timestamp, int64
        case 0x02, 0x0D, 0x0E: return string(at: start)  // string, code, symbol
        case 0x03, 0x04:  // document, array
            guard let length = int32(at: start), length >= 5, length <= available,
                bytes[start + length - 1] == 0
            else { return nil }
            return length
        case 0x05:  // binary: length, subtype, data
            guard let length = int32(at: start), length >= 0, 5 + length <= available else { return nil }
            return 5 + length
        case 0x06, 0x0A, 0x7F, 0xFF: return 0  // undefined, null, maxKey, minKey
        case 0x07: return fixed(12)
        case 0x08: return fixed(1)
        case 0x0B:  // regex: pattern and options, both C strings
            guard let pattern = cString(at: start), let options = cString(at: start + pattern) else { return nil }
            return pattern + options
        case 0x0C:  // DBPointer: string, ObjectId
            guard let name = string(at: start), name + 12 <= available else { return nil }
            return name + 12
        case 0x0F:  // code with scope: total length, string, document
            guard let length = int32(at: start), length >= 14, length <= available else { return nil }
            return length
        case 0x10: return fixed(4)
        case 0x13: return fixed(16)
        default: return nil
        }
    }
}

/// One element of a `BSONView`: its type byte, its key's bytes (without the NUL) and its value's bytes.
/// Borrowed like the view it came from.
public struct BSONElementView {
    public let type: UInt8
    public let key: UnsafeRawBufferPointer
    public let value: UnsafeRawBufferPointer

    @inlinable
    init(type: UInt8, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        self.type = type
        self.key = key
        self.value = value
    }

    /// Whether the key is exactly `name`.
    @inlinable
    public func keyEquals(_ name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        return key.elementsEqual(UnsafeRawBufferPointer(start: name.utf8Start, count: key.count))
    }

    /// The string's UTF-8 bytes (without the NUL) when the element is a string, else nil.
    @inlinable
    public var utf8: UnsafeRawBufferPointer? {
        guard type == 0x02 else { return nil }
        // The view checked the length prefix and the NUL.
        return UnsafeRawBufferPointer(rebasing: value[4..<(value.count - 1)])
    }

    /// The value when the element is a string (invalid UTF-8 repaired, as `BSONValue` reads it), else nil.
    @inlinable
    public var stringValue: String? {
        utf8.map { String(decoding: $0, as: UTF8.self) }
    }

    @inlinable
    public var objectIdValue: ObjectId? {
        type == 0x07 ? ObjectId(unsafeBytes: value) : nil
    }

    /// Milliseconds since the epoch when the element is a datetime, else nil.
    @inlinable
    public var datetimeValue: Int64? {
        type == 0x09 ? Int64(littleEndian: value.loadUnaligned(as: Int64.self)) : nil
    }
}

extension Document {
    /// Lends a view of the document's bytes for the duration of `body`. Do not keep it.
    public func withView<T>(_ body: (BSONView) throws -> T) rethrows -> T {
        try withRawBytes { try body(BSONView(unsafeBytes: $0)) }
    }

    /// An owned copy of the bytes a view shows, or nil when libbson rejects their header.
    public init?(copying view: BSONView) {
        guard let base = view.bytes.baseAddress,
            let pointer = bson_new_from_data(base.assumingMemoryBound(to: UInt8.self), view.bytes.count)
        else { return nil }
        self.init(stealing: pointer)
    }

    /// An empty document whose buffer starts with room for `capacity` bytes, so appending up to that
    /// size does not reallocate.
    public init(capacity: Int) {
        self.init(stealing: bson_sized_new(capacity))
    }
}
