import BSON

/// Reads little-endian fields from one message's bytes, refusing to read past `end`. Every read names the
/// field it wanted, so a short message reports what was missing.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset: Int
    private(set) var end: Int

    init(_ bytes: [UInt8], from offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        self.end = bytes.count
    }

    var remaining: Int { end - offset }
    var isAtEnd: Bool { offset >= end }

    /// Stops reading `count` bytes early (for a trailer such as the OP_MSG checksum, read separately).
    mutating func excludeTrailer(_ count: Int) { end -= count }

    /// A reader over the next `count` bytes only; this reader moves past them.
    mutating func sub(_ count: Int, field: String) throws(WireProtocolError) -> ByteReader {
        try need(count, field)
        var child = self
        child.end = offset + count
        offset += count
        return child
    }

    mutating func readUInt8(_ field: String) throws(WireProtocolError) -> UInt8 {
        try need(1, field)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt32(_ field: String) throws(WireProtocolError) -> UInt32 {
        try need(4, field)
        var value: UInt32 = 0
        for index in (0..<4).reversed() { value = value << 8 | UInt32(bytes[offset + index]) }
        offset += 4
        return value
    }

    mutating func readInt32(_ field: String) throws(WireProtocolError) -> Int32 {
        Int32(bitPattern: try readUInt32(field))
    }

    /// Looks at the int32 at the current offset without moving.
    func peekInt32(_ field: String) throws(WireProtocolError) -> Int32 {
        var copy = self
        return try copy.readInt32(field)
    }

    mutating func readInt64(_ field: String) throws(WireProtocolError) -> Int64 {
        let low = UInt64(try readUInt32(field))
        let high = UInt64(try readUInt32(field))
        return Int64(bitPattern: high << 32 | low)
    }

    mutating func readCString(_ field: String) throws(WireProtocolError) -> String {
        guard let nul = bytes[offset..<end].firstIndex(of: 0) else { throw .invalidCString(field: field) }
        let raw = bytes[offset..<nul]
        let text = String(decoding: raw, as: UTF8.self)
        // String(decoding:) repairs bad UTF-8; a difference means the peer sent some.
        guard text.utf8.elementsEqual(raw) else { throw .invalidCString(field: field) }
        offset = nul + 1
        return text
    }

    /// Reads one BSON document: its length prefix must fit in what remains, and libbson must accept it.
    mutating func readDocument(_ field: String) throws(WireProtocolError) -> Document {
        let declared = Int(try peekInt32(field))
        guard declared >= 5 else {
            throw .invalidDocument(field: field, .malformed("length prefix \(declared) is below 5"))
        }
        try need(declared, field)
        let slice = bytes[offset..<offset + declared]
        let document: Document
        do {
            document = try Document(bytes: slice)
        } catch {
            throw .invalidDocument(field: field, Self.bsonError(error))
        }
        offset += declared
        return document
    }

    /// Document(bytes:) only throws BSONError; the cast keeps this compiling whether or not that is typed.
    private static func bsonError(_ error: any Error) -> BSONError {
        error as? BSONError ?? .malformed("\(error)")
    }

    private func need(_ count: Int, _ field: String) throws(WireProtocolError) {
        guard count <= remaining else { throw .truncated(field: field, needed: count, available: max(remaining, 0)) }
    }
}
