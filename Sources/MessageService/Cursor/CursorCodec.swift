import NIOCore

/// Turns a message position into the opaque `before`/`after` cursor of one room, and back.
///
/// A cursor is base64url (no padding) of 17 bytes: a version byte, the message's `seq` (8 bytes,
/// big-endian) and a checksum (8 bytes). The checksum is SipHash-2-4 under a fixed key over the first 9
/// bytes followed by the room id, so a cursor from another room, or one with any character
/// changed, does not check out. The key is a constant rather than a per-process secret so cursors stay
/// valid across restarts: cursors are tamper-evident, not secret or unforgeable (the position they carry
/// is not sensitive, and a forged one can only name a position in the forger's own query).
///
/// Version 1 cursors carried (timestamp, id) from before history was ordered by `seq`; they are refused
/// (400) rather than misread, since a timestamp says nothing exact about a seq.
enum CursorCodec {
    static let version: UInt8 = 2
    private static let payloadLength = 1 + 8
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
        String(unsafeUninitializedCapacity: encodedLength) { out in
            write(position, roomID: roomID, to: UnsafeMutableRawBufferPointer(out))
        }
    }

    /// Writes the cursor in quotes as a JSON string (its alphabet needs no escapes).
    static func writeQuoted(_ position: Position, roomID: String, to buffer: inout ByteBuffer) {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: quotedCount) { out in
            writeQuoted(position, roomID: roomID, to: out, at: 0)
        }
    }

    /// The length of a quoted cursor.
    static var quotedCount: Int { encodedLength + 2 }

    /// Writes the cursor quoted into `out` at `offset` (room for `quotedCount` bytes) and returns the
    /// offset after it.
    static func writeQuoted(
        _ position: Position, roomID: String, to out: UnsafeMutableRawBufferPointer, at offset: Int
    ) -> Int {
        out[offset] = UInt8(ascii: "\"")
        let written = write(position, roomID: roomID, to: UnsafeMutableRawBufferPointer(rebasing: out[(offset + 1)...]))
        out[offset + 1 + written] = UInt8(ascii: "\"")
        return offset + written + 2
    }

    private static let encodedLength = Base64URL.encodedCount(payloadLength + checksumLength)

    /// Writes the cursor's characters to `out` (room for `encodedLength`), building it on the stack.
    private static func write(_ position: Position, roomID: String, to out: UnsafeMutableRawBufferPointer) -> Int {
        withUnsafeTemporaryAllocation(byteCount: payloadLength + checksumLength, alignment: 8) { bytes in
            bytes[0] = version
            bytes.storeBytes(of: UInt64(bitPattern: position.seq).bigEndian, toByteOffset: 1, as: UInt64.self)
            let sum = checksum(UnsafeRawBufferPointer(rebasing: bytes[..<payloadLength]), roomID: roomID)
            bytes.storeBytes(of: sum.bigEndian, toByteOffset: payloadLength, as: UInt64.self)
            return Base64URL.encode(UnsafeRawBufferPointer(bytes), into: out)
        }
    }

    static func decode(_ cursor: String, roomID: String) throws(DecodingError) -> Position {
        guard let bytes = Base64URL.decode(cursor) else { throw .notBase64URL }
        guard bytes.first == version else { throw .unknownVersion }
        guard bytes.count == payloadLength + checksumLength else { throw .wrongLength }
        // Read in place: the checksum over the payload and the room id, then the position.
        let (checksOut, position) = bytes.withUnsafeBytes { raw in
            let expected = checksum(UnsafeRawBufferPointer(rebasing: raw[..<payloadLength]), roomID: roomID)
            let declared = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: payloadLength, as: UInt64.self))
            let seq = Int64(bitPattern: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 1, as: UInt64.self)))
            return (declared == expected, Position(seq: seq))
        }
        guard checksOut else { throw .checksumMismatch }
        return position
    }

    /// SipHash of the payload followed by the room id, hashed from one stack buffer.
    private static func checksum(_ payload: UnsafeRawBufferPointer, roomID: String) -> UInt64 {
        var roomID = roomID
        return roomID.withUTF8 { room in
            withUnsafeTemporaryAllocation(byteCount: payload.count + room.count, alignment: 8) { message in
                UnsafeMutableRawBufferPointer(rebasing: message[..<payload.count]).copyMemory(from: payload)
                UnsafeMutableRawBufferPointer(rebasing: message[payload.count...]).copyMemory(from: UnsafeRawBufferPointer(room))
                return SipHash24.hash(UnsafeRawBufferPointer(message), k0: key.k0, k1: key.k1)
            }
        }
    }
}
