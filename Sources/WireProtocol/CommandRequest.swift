import BSON

/// One command as the handler sees it, whichever wire message carried it.
public struct CommandRequest: Sendable {
    /// The kind-0 section, or OP_QUERY's query document with any `$query` wrapper removed.
    public var body: Document
    /// Kind-1 sections by identifier (empty for OP_QUERY).
    public var sequences: [String: [Document]]
    /// Unique per connection, counting from 1.
    public var connectionID: Int
    /// False when the client set moreToCome: the command runs but nothing is sent back.
    public var expectsReply: Bool
    /// True when it arrived as OP_QUERY, so the handler may answer in the legacy isMaster shape.
    public var isLegacyOpQuery: Bool
    /// OP_QUERY: `<db>` of `<db>.$cmd`; OP_MSG: the body's `$db` string, if any.
    public var database: String?

    public init(
        body: Document, sequences: [String: [Document]] = [:], connectionID: Int, expectsReply: Bool = true,
        isLegacyOpQuery: Bool = false, database: String? = nil
    ) {
        self.body = body
        self.sequences = sequences
        self.connectionID = connectionID
        self.expectsReply = expectsReply
        self.isLegacyOpQuery = isLegacyOpQuery
        self.database = database
    }
}

extension CommandRequest {
    /// The request an OP_MSG carries: its body, its sequences by identifier, `$db` as the database.
    public init(_ msg: OpMsg, connectionID: Int) {
        // Identifiers are unique: OpMsg decoding refuses duplicates.
        let sequences = Dictionary(msg.sequences.map { ($0.identifier, $0.documents) }, uniquingKeysWith: { first, _ in first })
        self.init(
            body: msg.body, sequences: sequences, connectionID: connectionID,
            expectsReply: !msg.flags.contains(.moreToCome), isLegacyOpQuery: false,
            database: msg.body["$db"]?.stringValue)
    }

    /// The command an OP_QUERY carries, unwrapped; nil unless the query targets `<db>.$cmd`.
    public init?(_ query: OpQuery, connectionID: Int) {
        guard let database = query.commandDatabase else { return nil }
        self.init(
            body: query.command, connectionID: connectionID, expectsReply: true, isLegacyOpQuery: true,
            database: database)
    }
}
