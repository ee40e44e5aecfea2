import BSON

/// Appends little-endian fields to a growing message.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }

    mutating func writeUInt32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func writeInt32(_ value: Int32) { writeUInt32(UInt32(bitPattern: value)) }

    mutating func writeInt64(_ value: Int64) {
        let bits = UInt64(bitPattern: value)
        writeUInt32(UInt32(truncatingIfNeeded: bits))
        writeUInt32(UInt32(truncatingIfNeeded: bits >> 32))
    }

    mutating func writeCString(_ value: String) {
        bytes.append(contentsOf: value.utf8)
        bytes.append(0)
    }

    mutating func writeDocument(_ document: Document) { bytes.append(contentsOf: document.bytes) }

    /// Overwrites the int32 at `offset` (used to fill in lengths once the content is known).
    mutating func setInt32(_ value: Int32, at offset: Int) {
        let bits = UInt32(bitPattern: value)
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: bits >> UInt32(index * 8)) }
    }
}
