/// SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit hash, used here as the cursor checksum.
struct SipHash24 {
    private var v0: UInt64
    private var v1: UInt64
    private var v2: UInt64
    private var v3: UInt64

    /// Hashes `message` under the 128-bit key `(k0, k1)`, each half read little-endian from the key bytes.
    static func hash(_ message: [UInt8], k0: UInt64, k1: UInt64) -> UInt64 {
        message.withUnsafeBytes { hash($0, k0: k0, k1: k1) }
    }

    static func hash(_ message: UnsafeRawBufferPointer, k0: UInt64, k1: UInt64) -> UInt64 {
        var state = SipHash24(k0: k0, k1: k1)
        let wholeBlocks = message.count / 8
        for block in 0..<wholeBlocks {
            state.compress(UInt64(littleEndian: message.loadUnaligned(fromByteOffset: block * 8, as: UInt64.self)))
        }
        // The last block holds the leftover bytes and, in its top byte, the message length mod 256.
        var last = UInt64(truncatingIfNeeded: message.count) << 56
        for offset in 0..<(message.count - wholeBlocks * 8) {
            last |= UInt64(message[wholeBlocks * 8 + offset]) << (8 * offset)
        }
        state.compress(last)
        return state.finalize()
    }

    static func littleEndianWord(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for (offset, byte) in bytes.enumerated() { word |= UInt64(byte) << (8 * offset) }
        return word
    }

    private init(k0: UInt64, k1: UInt64) {
        v0 = k0 ^ 0x736f_6d65_7073_6575
        v1 = k1 ^ 0x646f_7261_6e64_6f6d
        v2 = k0 ^ 0x6c79_6765_6e65_7261
        v3 = k1 ^ 0x7465_6462_7974_6573
    }

    private mutating func compress(_ block: UInt64) {
        v3 ^= block
        round()
        round()
        v0 ^= block
    }

    private mutating func finalize() -> UInt64 {
        v2 ^= 0xFF
        for _ in 0..<4 { round() }
        return v0 ^ v1 ^ v2 ^ v3
    }

    private mutating func round() {
        v0 &+= v1
        v1 = v1.rotatedLeft(by: 13) ^ v0
        v0 = v0.rotatedLeft(by: 32)
        v2 &+= v3
        v3 = v3.rotatedLeft(by: 16) ^ v2
        v0 &+= v3
        v3 = v3.rotatedLeft(by: 21) ^ v0
        v2 &+= v1
        v1 = v1.rotatedLeft(by: 17) ^ v2
        v2 = v2.rotatedLeft(by: 32)
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
        self << count | self >> (64 - count)
    }
}
