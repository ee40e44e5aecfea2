import BSON

/// The options of `MongoClient.watch` that msgsvc needs.
public struct ChangeStreamOptions: Sendable {
    /// What `fullDocument` holds in update events.
    public enum FullDocument: String, Sendable {
        /// Only inserts and replaces carry the document.
        case `default`
        /// Update events carry the document as it is when the event is read (one lookup per update).
        case updateLookup
    }

    public var fullDocument: FullDocument
    /// How long the server holds one getMore open waiting for an event. It also bounds how long `close()`
    /// waits: the stream's thread notices the close between two getMores.
    public var maxAwaitTime: Duration
    public var batchSize: Int?

    public init(fullDocument: FullDocument = .default, maxAwaitTime: Duration = .seconds(1), batchSize: Int? = nil) {
        self.fullDocument = fullDocument
        self.maxAwaitTime = maxAwaitTime
        self.batchSize = batchSize
    }

    var document: Document {
        var options: Document = [
            "fullDocument": .string(fullDocument.rawValue),
            "maxAwaitTimeMS": .int64(max(1, maxAwaitTime.wholeMilliseconds ?? Int64(Int32.max))),
        ]
        if let batchSize { options.append("batchSize", .int64(Int64(batchSize))) }
        return options
    }
}
