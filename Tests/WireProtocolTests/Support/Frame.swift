import BSON

/// Builds frames byte by byte (each step returns a longer copy), independently of the library's encoder, so tests can send what a driver
/// sends (or something broken) and check the decoder against bytes it did not produce itself.
struct Frame {
    private(set) var bytes: [UInt8] = []

    init() {}

    /// Starts a frame with a header whose messageLength is patched by `finished()`.
    init(requestID: Int32, responseTo: Int32 = 0, opCode: Int32) {
        self = Frame().int32(0).int32(requestID).int32(responseTo).int32(opCode)
    }

    func int32(_ value: Int32) -> Frame { uint32(UInt32(bitPattern: value)) }

    func uint32(_ value: UInt32) -> Frame {
        raw([UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)])
    }

    func int64(_ value: Int64) -> Frame {
        let bits = UInt64(bitPattern: value)
        return uint32(UInt32(bits & 0xFFFF_FFFF)).uint32(UInt32(bits >> 32))
    }

    func byte(_ value: UInt8) -> Frame { raw([value]) }

    func raw(_ values: [UInt8]) -> Frame {
        var copy = self
        copy.bytes += values
        return copy
    }

    func cstring(_ value: String) -> Frame { raw(Array(value.utf8) + [0]) }

    func document(_ value: Document) -> Frame { raw(value.bytes) }

    /// A kind-1 section: its size counts itself, the identifier and the documents.
    func sequence(_ identifier: String, _ documents: [Document]) -> Frame {
        let payload = Array(identifier.utf8) + [0] + documents.flatMap(\.bytes)
        return byte(1).int32(Int32(4 + payload.count)).raw(payload)
    }

    /// The bytes with messageLength set to their count (plus `extra` for a trailer still to come).
    func finished(extra: Int = 0) -> [UInt8] {
        var out = bytes
        let length = UInt32(out.count + extra)
        out.replaceSubrange(0..<4, with: [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)])
        return out
    }

    /// An OP_MSG with one body section.
    static func opMsg(requestID: Int32, flags: UInt32 = 0, body: Document) -> [UInt8] {
        Frame(requestID: requestID, opCode: 2013).uint32(flags).byte(0).document(body).finished()
    }
}
