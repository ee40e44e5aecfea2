import BSON

/// How FuzzCommands reads an input: one byte of options, then either bytes to write to a fresh connection
/// as they are (`raw`), or a run of BSON documents, each sent as one command. Invalid documents in the run
/// are skipped, so a mutation that breaks one command leaves the others usable.
public struct CommandInput: Sendable {
    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt8

        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Write the rest of the input to a new connection unchanged, then hang up.
        public static let raw = Options(rawValue: 1 << 0)
        /// Send a body's `documents` array as an OP_MSG kind-1 section instead, as libmongoc does.
        public static let documentSequence = Options(rawValue: 1 << 1)
        /// Send commands as OP_QUERY on `<db>.$cmd`, the legacy handshake path.
        public static let opQuery = Options(rawValue: 1 << 2)
        /// Add a CRC-32C checksum to each OP_MSG.
        public static let checksum = Options(rawValue: 1 << 3)
        /// Set moreToCome: the engine runs each command and sends no reply.
        public static let moreToCome = Options(rawValue: 1 << 4)
    }

    /// Enough to reach state that takes several steps (create, insert, index, find, getMore) in one input.
    public static let maxCommands = 16

    public let options: Options
    public let raw: [UInt8]
    public let commands: [Document]

    public init(_ bytes: [UInt8]) {
        options = Options(rawValue: bytes.first ?? 0)
        let rest = Array(bytes.dropFirst())
        guard !options.contains(.raw) else {
            raw = rest
            commands = []
            return
        }
        raw = []
        commands = Self.documents(in: rest)
    }

    /// The input that sends `commands` with `options` (the inverse of parsing; used to write seeds).
    public static func bytes(options: Options = [], commands: [Document]) -> [UInt8] {
        [options.subtracting(.raw).rawValue] + commands.flatMap(\.bytes)
    }

    /// The input that writes `raw` to a fresh connection.
    public static func bytes(raw: [UInt8]) -> [UInt8] {
        [Options.raw.rawValue] + raw
    }

    private static func documents(in bytes: [UInt8]) -> [Document] {
        var documents: [Document] = []
        var offset = 0
        while offset + 5 <= bytes.count, documents.count < maxCommands {
            let declared = littleEndianInt32(bytes, at: offset)
            guard declared >= 5, declared <= bytes.count - offset else { break }
            if let document = try? Document(bytes: bytes[offset..<offset + declared]) { documents.append(document) }
            offset += declared
        }
        return documents
    }
}

/// The little-endian int32 at `offset` (BSON's length prefix).
private func littleEndianInt32(_ bytes: [UInt8], at offset: Int) -> Int {
    let raw = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    return Int(Int32(bitPattern: raw))
}
