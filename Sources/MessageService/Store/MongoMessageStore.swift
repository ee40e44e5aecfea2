import BSON
import Logging
import MongoPool

/// The message store over the pooled libmongoc client: one flat document per message in `messages`,
/// found through the `(room_id, timestamp, _id)` index. The same code serves MongoDB and the embedded
/// engine. User input only ever becomes a value in a document or a filter, never an operator or a key.
public final class MongoMessageStore: MessageStore {
    public static let collection = "messages"

    let client: MongoClient
    let namespace: Namespace
    let clock: WallClock
    let logger: Logger
    private let storeFull = StoreFullEpisode()

    public init(client: MongoClient, database: String, clock: WallClock = .system, logger: Logger) {
        self.client = client
        self.namespace = Namespace(database: database, collection: Self.collection)
        self.clock = clock
        self.logger = logger
    }

    /// Creates the two indexes the service relies on; a no-op when they exist.
    public func prepare() async throws {
        try await mapped {
            try await client.createIndexes(MessageDocument.indexes, in: namespace)
        }
    }

    public func ping() async throws {
        try await mapped { try await client.ping() }
    }

    public func insert(_ new: NewMessage) async throws -> InsertOutcome {
        let message = Message(id: ObjectId(), roomID: new.roomID, sender: new.sender, content: new.content,
                              timestamp: clock.milliseconds(), clientID: new.clientID)
        do {
            _ = try await client.insert(MessageDocument.encode(message), into: namespace)
            storeFull.ended(logger)
            return .created(message)
        } catch let error where error.isDuplicateKey && new.clientID != nil {
            // A retry of an earlier post: answer with the original if it says the same thing.
            guard let clientID = new.clientID,
                  let original = try await existing(roomID: new.roomID, clientID: clientID) else {
                logger.error("duplicate client_id but no original found", metadata: ["room_id": "\(new.roomID)"])
                throw MessageStoreError.corruptDocument(detail: "duplicate client_id but no original found")
            }
            guard new.hasSameText(as: original) else { throw MessageStoreError.clientIDConflict(clientID: clientID) }
            return .existing(original)
        } catch {
            throw translate(error)
        }
    }

    public func message(roomID: String, id: ObjectId) async throws -> Message? {
        let found = try await mapped {
            try await client.find(["_id": .objectId(id), "room_id": .string(roomID)], in: namespace,
                                  options: FindOptions(limit: 1, singleBatch: true), decoding: MessageDocument.decode)
        }
        return found.first
    }

    /// The page orders, built once.
    private static let ascending: Document = ["timestamp": 1, "_id": 1]
    private static let descending: Document = ["timestamp": -1, "_id": -1]

    /// Reads one more than asked to learn whether more exist beyond the page.
    public func page(_ request: PageRequest) async throws -> Page {
        let forward = request.readsForward
        // Decoded on the pool thread as the cursor yields each document, so no document is copied. Only
        // the page's own messages must be well-shaped: the extra one only says that there is more.
        let decoded = try await mapped {
            try await client.find(
                MessageDocument.rangeFilter(roomID: request.roomID, after: request.after, before: request.before),
                in: namespace,
                options: FindOptions(sort: forward ? Self.ascending : Self.descending, limit: request.limit + 1,
                                     batchSize: request.limit + 1),
                decoding: { view in Result { () throws(any Error) in try MessageDocument.decode(view) } })
        }
        let count = min(decoded.count, request.limit)
        var messages: [Message] = []
        messages.reserveCapacity(count)
        for index in 0..<count { messages.append(try decoded[index].get()) }
        if !forward { messages.reverse() }
        return Page(messages: messages, hasMore: decoded.count > request.limit)
    }

    private func existing(roomID: String, clientID: String) async throws -> Message? {
        let found = try await mapped {
            try await client.find(["room_id": .string(roomID), "client_id": .string(clientID)], in: namespace,
                                  options: FindOptions(limit: 1, singleBatch: true), decoding: MessageDocument.decode)
        }
        return found.first
    }

    private func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw translate(error) }
    }

    public var writesRefusedReason: String? {
        storeFull.isOngoing ? MessageStoreError.full.description : nil
    }

    /// Unreachable database → `.unavailable`; a full disk → `.full`, logged once per episode; anything else
    /// is passed on unchanged, for the HTTP layer to log once and answer as an internal error.
    private func translate(_ error: any Error) -> any Error {
        guard let error = error as? MongoError else { return error }
        if error.isOutOfDiskSpace {
            storeFull.began(logger, cause: error)
            return MessageStoreError.full
        }
        if error.isNoServerAvailable || error.isPoolExhausted || error.isConnectionFailure || error.isClientClosed {
            return MessageStoreError.unavailable(retryAfterSeconds: 1)
        }
        return error
    }
}
