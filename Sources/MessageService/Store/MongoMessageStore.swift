import BSON
import Logging
import MongoPool

/// The message store over the pooled libmongoc client: one flat document per message in `messages`,
/// found through the unique `(room_id, seq)` and `(room_id, change)` indexes. The same code serves
/// MongoDB and the embedded engine. User input only ever becomes a value in a document or a filter, never
/// an operator or a key. Writes are in `MongoMessageStore+Writes.swift`; how numbers are taken is
/// explained on `RoomHead`.
public final class MongoMessageStore: MessageStore {
    public static let collection = "messages"

    let client: MongoClient
    let namespace: Namespace
    let clock: WallClock
    let logger: Logger
    let storeFull = StoreFullEpisode()
    let writeQueue = RoomWriteQueue()
    let heads = RoomHeadCache()

    public init(client: MongoClient, database: String, clock: WallClock = .system, logger: Logger) {
        self.client = client
        self.namespace = Namespace(database: database, collection: Self.collection)
        self.clock = clock
        self.logger = logger
    }

    /// Creates the indexes, numbering first any messages an earlier version stored; a no-op when done.
    public func prepare() async throws {
        try await mapped {
            try await client.createIndexes(MessageDocument.baseIndexes, in: namespace)
            try await SeqBackfill(client: client, messages: namespace, logger: logger).runOnce()
            try await client.createIndexes(MessageDocument.searchIndexes, in: namespace)
        }
    }

    public func ping() async throws {
        try await mapped { try await client.ping() }
    }

    public func message(roomID: String, id: ObjectId) async throws -> Message? {
        let found = try await mapped {
            try await client.find(["_id": .objectId(id), "room_id": .string(roomID)], in: namespace,
                                  options: FindOptions(limit: 1, singleBatch: true), decoding: MessageDocument.decode)
        }
        return found.first
    }

    /// The page orders, built once.
    private static let ascending: Document = ["seq": 1]
    private static let descending: Document = ["seq": -1]
    private static let changeOrder: Document = ["change": 1]

    /// Reads one more than asked to learn whether more exist beyond the page.
    public func page(_ request: PageRequest) async throws -> Page {
        let forward = request.readsForward
        var (messages, hasMore) = try await limited(
            MessageDocument.rangeFilter(roomID: request.roomID, sender: request.sender, after: request.after,
                                        before: request.before),
            sort: forward ? Self.ascending : Self.descending, limit: request.limit)
        if !forward { messages.reverse() }
        return Page(messages: messages, hasMore: hasMore)
    }

    /// Two reads when there is anything to read. The first finds how far the page reaches (`through`).
    /// It alone could miss a change: MongoDB may yield during a scan and go on in a newer snapshot, so a
    /// scan that passed N's place before N committed can still return N+1, committed after it. But once
    /// N+1 is visible every change up to it has committed (see `RoomHead`), so a second read bounded to
    /// (after, through] sees all of them; a message that moved past `through` meanwhile comes in a later
    /// page. On the embedded engine one scan is one snapshot and the second read changes nothing.
    public func changes(_ request: ChangesRequest) async throws -> ChangesPage {
        let (first, firstHasMore) = try await limited(
            MessageDocument.changesFilter(roomID: request.roomID, after: request.after), sort: Self.changeOrder,
            limit: request.limit)
        guard let through = first.last?.change else { return ChangesPage(changes: [], hasMore: firstHasMore) }
        let (settled, settledHasMore) = try await limited(
            MessageDocument.changesFilter(roomID: request.roomID, after: request.after, through: through),
            sort: Self.changeOrder, limit: request.limit)
        // Fewer than the first time: some moved past `through`, so there is more after this page.
        return ChangesPage(changes: settled, hasMore: firstHasMore || settledHasMore || settled.count < first.count)
    }

    public func lastChange(roomID: String) async throws -> Int64 {
        try await mapped { try await RoomHead.lastChange(roomID: roomID, client: client, namespace: namespace) }
    }

    /// Up to `limit` messages in `sort` order, and whether there are more: reads one more than asked.
    private func limited(_ filter: Document, sort: Document, limit: Int) async throws -> ([Message], Bool) {
        // Decoded on the pool thread as the cursor yields each document, so no document is copied. Only
        // the page's own messages must be well-shaped: the extra one only says that there is more.
        let decoded = try await mapped {
            try await client.find(
                filter, in: namespace, options: FindOptions(sort: sort, limit: limit + 1, batchSize: limit + 1),
                decoding: { view in Result { () throws(any Error) in try MessageDocument.decode(view) } })
        }
        let count = min(decoded.count, limit)
        var messages: [Message] = []
        messages.reserveCapacity(count)
        for index in 0..<count { messages.append(try decoded[index].get()) }
        return (messages, decoded.count > limit)
    }

    func existing(roomID: String, clientID: String) async throws -> Message? {
        let found = try await mapped {
            try await client.find(["room_id": .string(roomID), "client_id": .string(clientID)], in: namespace,
                                  options: FindOptions(limit: 1, singleBatch: true), decoding: MessageDocument.decode)
        }
        return found.first
    }

    func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw translate(error) }
    }

    public var writesRefusedReason: String? {
        storeFull.isOngoing ? MessageStoreError.full.description : nil
    }

    /// Unreachable database → `.unavailable`; a full disk → `.full`, logged once per episode; anything else
    /// is passed on unchanged, for the HTTP layer to log once and answer as an internal error.
    func translate(_ error: any Error) -> any Error {
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
