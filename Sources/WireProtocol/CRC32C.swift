/// CRC-32C (Castagnoli), the checksum OP_MSG carries when checksumPresent is set: reflected polynomial
/// 0x82F63B78, initial value and final XOR 0xFFFFFFFF.
public func crc32c<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc = CRC32CTable.entries[Int(UInt8(truncatingIfNeeded: crc) ^ byte)] ^ (crc >> 8)
    }
    return crc ^ 0xFFFF_FFFF
}

/// The byte-at-a-time lookup table, built once: entry n is the CRC register after shifting n through eight
/// rounds of the polynomial.
enum CRC32CTable {
    static let polynomial: UInt32 = 0x82F6_3B78

    static let entries: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ polynomial : value >> 1 }
        return value
    }
}
