import BSON

/// A `MessageStore` in process memory, with the same semantics as the database-backed one.
/// Used by the application tests; nothing survives the process. An actor runs one call at a time, so
/// taking "the next number" and storing it happen together, and changes become visible in number order.
public actor InMemoryMessageStore: MessageStore {
    private struct Room {
        /// Ascending by seq; a message's seq is its index + 1.
        var messages: [Message] = []
        var indexByID: [ObjectId: Int] = [:]
        var idsByClientID: [String: ObjectId] = [:]
        var lastChange: Int64 = 0

        mutating func append(_ message: Message) {
            indexByID[message.id] = messages.count
            messages.append(message)
            if let clientID = message.clientID { idsByClientID[clientID] = message.id }
        }
    }

    private let clock: WallClock
    private var rooms: [String: Room] = [:]
    /// Ids are unique across rooms, as `_id` is in a collection.
    private var roomByID: [ObjectId: String] = [:]

    private let notifies: Bool
    private var watchers: [Int: AsyncThrowingStream<RoomChange, any Error>.Continuation] = [:]
    private var lastWatcher = 0

    /// With `notifiesRoomChanges`, `roomChanges()` tells of this store's own writes (as a change stream
    /// would); without, it offers none, like a deployment that has no change streams.
    public init(clock: WallClock = .system, notifiesRoomChanges: Bool = true) {
        self.clock = clock
        self.notifies = notifiesRoomChanges
    }

    public func roomChanges() async throws -> AsyncThrowingStream<RoomChange, any Error>? {
        guard notifies else { return nil }
        let (changes, continuation) = AsyncThrowingStream.makeStream(of: RoomChange.self)
        lastWatcher += 1
        let id = lastWatcher
        watchers[id] = continuation
        continuation.onTermination = { _ in Task { await self.stopWatching(id) } }
        return changes
    }

    private func stopWatching(_ id: Int) {
        watchers[id] = nil
    }

    private func notify(_ roomID: String) {
        for watcher in watchers.values { watcher.yield(.room(roomID)) }
    }

    public func prepare() async throws {}

    public func ping() async throws {}

    public func insert(_ new: NewMessage) async throws -> InsertOutcome {
        var room = rooms[new.roomID, default: Room()]
        if let clientID = new.clientID, let id = room.idsByClientID[clientID], let index = room.indexByID[id] {
            let original = room.messages[index]
            guard original.isDeleted ? new.sender.utf8.elementsEqual(original.sender.utf8) : new.hasSameText(as: original)
            else { throw MessageStoreError.clientIDConflict(clientID: clientID) }
            return .existing(original)
        }
        // A clock may step backwards; the room's timestamps may not.
        let timestamp = max(clock.milliseconds(), room.messages.last?.timestamp ?? .min)
        room.lastChange += 1
        let message = Message(
            id: ObjectId(), roomID: new.roomID, sender: new.sender, content: new.content, timestamp: timestamp,
            clientID: new.clientID, seq: Int64(room.messages.count + 1), change: room.lastChange)
        room.append(message)
        roomByID[message.id] = new.roomID
        rooms[new.roomID] = room
        notify(new.roomID)
        return .created(message)
    }

    /// Decided by the same `ImportPlan` as the database store; one call runs alone, so every message
    /// planned is stored in its round, and repeats are decided in the next round against the first.
    public func importMessages(_ batch: [ImportedMessage], roomID: String) async throws -> [ImportOutcome] {
        var outcomes = [ImportOutcome?](repeating: nil, count: batch.count)
        var remaining = Array(batch.indices)
        while !remaining.isEmpty {
            var room = rooms[roomID, default: Room()]
            var storedByID: [ObjectId: Message] = [:]
            for id in remaining.compactMap({ batch[$0].id }) {
                if let owner = roomByID[id], let index = rooms[owner]?.indexByID[id] { storedByID[id] = rooms[owner]!.messages[index] }
            }
            var storedByClientID: [String: Message] = [:]
            for clientID in remaining.compactMap({ batch[$0].clientID }) {
                if let id = room.idsByClientID[clientID], let index = room.indexByID[id] { storedByClientID[clientID] = room.messages[index] }
            }
            let plan = ImportPlan(batch, indexes: remaining, roomID: roomID, storedByID: storedByID,
                                  storedByClientID: storedByClientID)
            for (index, outcome) in plan.decided { outcomes[index] = outcome }
            let head = RoomHead(lastSeq: Int64(room.messages.count), lastTimestamp: room.messages.last?.timestamp,
                                lastChange: room.lastChange)
            for (entry, message) in zip(plan.pending, plan.numbered(batch, roomID: roomID, head: head, now: clock.milliseconds())) {
                room.append(message)
                room.lastChange = message.change
                roomByID[message.id] = roomID
                outcomes[entry.index] = .imported(message)
            }
            rooms[roomID] = room
            if !plan.pending.isEmpty { notify(roomID) }
            remaining = plan.deferred
        }
        return outcomes.map { $0! }
    }

    public func message(roomID: String, id: ObjectId) async throws -> Message? {
        guard let room = rooms[roomID], let index = room.indexByID[id] else { return nil }
        return room.messages[index]
    }

    public func page(_ request: PageRequest) async throws -> Page {
        let range = (rooms[request.roomID]?.messages ?? []).filter { request.contains($0) }
        let messages = request.readsForward ? Array(range.prefix(request.limit)) : Array(range.suffix(request.limit))
        return Page(messages: messages, hasMore: range.count > messages.count)
    }

    /// Reads the room newest first, with no limit on the candidates examined.
    public func search(_ request: SearchRequest) async throws -> SearchPage {
        let matcher = request.matcher
        let range = PageRequest(roomID: request.roomID, limit: request.limit, before: request.before, sender: request.sender)
        var found: [Message] = []
        for message in (rooms[request.roomID]?.messages ?? []).reversed()
        where !message.isDeleted && range.contains(message) && matcher.matches(message.content) {
            if found.count == request.limit { return SearchPage(messages: found, resumeBefore: found.last?.position) }
            found.append(message)
        }
        return SearchPage(messages: found, resumeBefore: nil)
    }

    public func edit(_ edit: MessageEdit) async throws -> EditOutcome? {
        guard var room = rooms[edit.roomID], let index = room.indexByID[edit.id] else { return nil }
        let current = room.messages[index]
        if current.isDeleted { throw MessageStoreError.messageDeleted(id: edit.id.hex) }
        if edit.isNoOp(for: current) { return .unchanged(current) }
        room.lastChange += 1
        let edited = current.edited(to: edit.content, change: room.lastChange, at: clock.milliseconds())
        room.messages[index] = edited
        rooms[edit.roomID] = room
        notify(edit.roomID)
        return .edited(edited)
    }

    public func delete(roomID: String, id: ObjectId) async throws -> Message? {
        guard var room = rooms[roomID], let index = room.indexByID[id] else { return nil }
        let current = room.messages[index]
        if current.isDeleted { return current }
        room.lastChange += 1
        let tombstone = current.tombstone(change: room.lastChange, at: clock.milliseconds())
        room.messages[index] = tombstone
        rooms[roomID] = room
        notify(roomID)
        return tombstone
    }

    public func changes(_ request: ChangesRequest) async throws -> ChangesPage {
        let after = (rooms[request.roomID]?.messages ?? []).filter { $0.change > request.after }.sorted { $0.change < $1.change }
        return ChangesPage(changes: Array(after.prefix(request.limit)), hasMore: after.count > request.limit)
    }

    public func lastChange(roomID: String) async throws -> Int64 {
        rooms[roomID]?.lastChange ?? 0
    }
}
