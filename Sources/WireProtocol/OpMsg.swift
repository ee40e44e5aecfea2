import BSON

/// OP_MSG (2013): flagBits, one body document (section kind 0), any number of named document sequences
/// (section kind 1), and an optional CRC-32C trailer. Used for every modern request and reply.
public struct OpMsg: Sendable, Equatable {
    public var flags: OpMsgFlags
    public var body: Document
    /// Kind-1 sections in the order they were sent (libmongoc sends an insert's documents as "documents").
    public var sequences: [DocumentSequence]

    public init(flags: OpMsgFlags = [], body: Document, sequences: [DocumentSequence] = []) {
        self.flags = flags
        self.body = body
        self.sequences = sequences
    }

    /// Reads the part after the header. `frame` is the whole message, needed because the checksum covers the
    /// header too.
    init(reading reader: inout ByteReader, frame: [UInt8]) throws(WireProtocolError) {
        flags = OpMsgFlags(rawValue: try reader.readUInt32("OP_MSG flagBits"))
        let unknown = flags.unknownRequiredBits
        guard unknown == 0 else { throw .unknownRequiredFlags(flags.rawValue) }
        if flags.contains(.checksumPresent) {
            try Self.verifyChecksum(of: frame, reader: &reader)
        }

        var bodies: [Document] = []
        var sequences: [DocumentSequence] = []
        while !reader.isAtEnd {
            switch try reader.readUInt8("OP_MSG section kind") {
            case 0:
                bodies.append(try reader.readDocument("OP_MSG body"))
            case 1:
                sequences.append(try DocumentSequence(reading: &reader))
            case let kind:
                throw .unknownSectionKind(kind)
            }
        }
        guard bodies.count == 1, let body = bodies.first else { throw .bodySectionCount(bodies.count) }
        // A sequence stands in for a body array of the same name, so both at once would be ambiguous.
        var seen = sequences.isEmpty ? [] : Set(body.keys)
        for sequence in sequences {
            guard seen.insert(sequence.identifier).inserted else {
                throw .duplicateSequence(identifier: sequence.identifier)
            }
        }
        self.body = body
        self.sequences = sequences
    }

    private static func verifyChecksum(of frame: [UInt8], reader: inout ByteReader) throws(WireProtocolError) {
        guard reader.remaining >= 4 else {
            throw .truncated(field: "OP_MSG checksum", needed: 4, available: reader.remaining)
        }
        var trailer = ByteReader(frame, from: frame.count - 4)
        let declared = try trailer.readUInt32("OP_MSG checksum")
        let computed = crc32c(frame[..<(frame.count - 4)])
        guard declared == computed else { throw .checksumMismatch(declared: declared, computed: computed) }
        reader.excludeTrailer(4)
    }

    /// Writes flagBits and sections; the checksum, which covers the header, is appended by `WireMessage`.
    func write(to writer: inout ByteWriter) {
        writer.writeUInt32(flags.rawValue)
        writer.writeUInt8(0)
        writer.writeDocument(body)
        for sequence in sequences { sequence.write(to: &writer) }
    }
}
