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
    }

    private let clock: WallClock
    private var rooms: [String: Room] = [:]

    public init(clock: WallClock = .system) {
        self.clock = clock
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
        room.indexByID[message.id] = room.messages.count
        room.messages.append(message)
        if let clientID = new.clientID { room.idsByClientID[clientID] = message.id }
        rooms[new.roomID] = room
        return .created(message)
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
        let matcher = SearchMatcher(request.query)
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
