import BSON

/// Turns a message position into the opaque `before`/`after` cursor of one room, and back.
///
/// A cursor is base64url (no padding) of 29 bytes: a version byte, the timestamp (8 bytes, big-endian),
/// the ObjectId (12 bytes) and a checksum (8 bytes). The checksum is SipHash-2-4 under a fixed key over the
/// first 21 bytes followed by the room id, so a cursor from another room, or one with any character
/// changed, does not check out. The key is a constant rather than a per-process secret so cursors stay
/// valid across restarts: cursors are tamper-evident, not secret or unforgeable (the position they carry
/// is not sensitive, and a forged one can only name a position in the forger's own query).
enum CursorCodec {
    static let version: UInt8 = 1
    private static let payloadLength = 1 + 8 + 12
    private static let checksumLength = 8
    // "msgsvc.cursor.v1", read little-endian in two halves.
    private static let key = (k0: SipHash24.littleEndianWord(Array("msgsvc.c".utf8)[...]),
                              k1: SipHash24.littleEndianWord(Array("ursor.v1".utf8)[...]))

    enum DecodingError: Error, Equatable {
        case notBase64URL
        case wrongLength
        case unknownVersion
        case checksumMismatch
    }

    static func encode(_ position: Position, roomID: String) -> String {
        var bytes: [UInt8] = [version]
        bytes.append(contentsOf: withUnsafeBytes(of: UInt64(bitPattern: position.timestamp).bigEndian, Array.init))
        bytes.append(contentsOf: position.id.bytes)
        bytes.append(contentsOf: withUnsafeBytes(of: checksum(bytes, roomID: roomID).bigEndian, Array.init))
        return Base64URL.encode(bytes)
    }

    static func decode(_ cursor: String, roomID: String) throws(DecodingError) -> Position {
        guard let bytes = Base64URL.decode(cursor) else { throw .notBase64URL }
        guard bytes.count == payloadLength + checksumLength else { throw .wrongLength }
        guard bytes[0] == version else { throw .unknownVersion }
        let payload = Array(bytes[..<payloadLength])
        let expected = checksum(payload, roomID: roomID)
        guard bigEndianWord(bytes[payloadLength...]) == expected else { throw .checksumMismatch }
        let timestamp = Int64(bitPattern: bigEndianWord(bytes[1..<9]))
        // Twelve bytes by construction, so this cannot be nil.
        guard let id = ObjectId(bytes: Array(bytes[9..<payloadLength])) else { throw .wrongLength }
        return Position(timestamp: timestamp, id: id)
    }

    private static func checksum(_ payload: [UInt8], roomID: String) -> UInt64 {
        SipHash24.hash(payload + Array(roomID.utf8), k0: key.k0, k1: key.k1)
    }

    private static func bigEndianWord(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
