import BSON

/// OP_QUERY (2004), removed from MongoDB 5.1 except for one use: drivers still open a connection with an
/// `isMaster`/`hello` sent as a query on `<db>.$cmd`. That is all this server accepts it for.
public struct OpQuery: Sendable, Equatable {
    public var flags: OpQueryFlags
    public var fullCollectionName: String
    public var numberToSkip: Int32
    public var numberToReturn: Int32
    public var query: Document
    public var returnFieldsSelector: Document?

    public init(
        flags: OpQueryFlags = [], fullCollectionName: String, numberToSkip: Int32 = 0, numberToReturn: Int32 = -1,
        query: Document, returnFieldsSelector: Document? = nil
    ) {
        self.flags = flags
        self.fullCollectionName = fullCollectionName
        self.numberToSkip = numberToSkip
        self.numberToReturn = numberToReturn
        self.query = query
        self.returnFieldsSelector = returnFieldsSelector
    }

    static let commandSuffix = ".$cmd"

    /// The database when the namespace is `<db>.$cmd`, the only kind this server answers; otherwise nil.
    public var commandDatabase: String? {
        guard fullCollectionName.hasSuffix(Self.commandSuffix) else { return nil }
        let database = String(fullCollectionName.dropLast(Self.commandSuffix.count))
        return database.isEmpty || database.contains(".") ? nil : database
    }

    /// The command itself. Drivers that attach a read preference wrap it as
    /// `{$query: {...}, $readPreference: ...}` (older ones as `{query: ...}`); the wrapper is dropped, since a
    /// standalone server has no use for read preferences.
    public var command: Document {
        guard let first = query.elements.first, first.key == "$query" || first.key == "query",
            let inner = first.value.documentValue
        else { return query }
        return inner
    }

    init(reading reader: inout ByteReader) throws(WireProtocolError) {
        flags = OpQueryFlags(rawValue: try reader.readInt32("OP_QUERY flags"))
        fullCollectionName = try reader.readCString("OP_QUERY fullCollectionName")
        numberToSkip = try reader.readInt32("OP_QUERY numberToSkip")
        numberToReturn = try reader.readInt32("OP_QUERY numberToReturn")
        query = try reader.readDocument("OP_QUERY query")
        returnFieldsSelector = reader.isAtEnd ? nil : try reader.readDocument("OP_QUERY returnFieldsSelector")
        guard reader.isAtEnd else { throw .trailingBytes(count: reader.remaining, after: "OP_QUERY returnFieldsSelector") }
    }

    func write(to writer: inout ByteWriter) {
        writer.writeInt32(flags.rawValue)
        writer.writeCString(fullCollectionName)
        writer.writeInt32(numberToSkip)
        writer.writeInt32(numberToReturn)
        writer.writeDocument(query)
        if let returnFieldsSelector { writer.writeDocument(returnFieldsSelector) }
    }
}
