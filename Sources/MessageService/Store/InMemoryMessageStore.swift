import BSON

/// A `MessageStore` in process memory, with the same semantics as the database-backed one.
/// Used by the application tests; nothing survives the process.
public actor InMemoryMessageStore: MessageStore {
    private struct Room {
        /// Ascending by position.
        var messages: [Message] = []
        var idsByClientID: [String: ObjectId] = [:]
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
        if let clientID = new.clientID, let id = room.idsByClientID[clientID],
            let original = room.messages.first(where: { $0.id == id })
        {
            guard new.hasSameText(as: original) else { throw MessageStoreError.clientIDConflict(clientID: clientID) }
            return .existing(original)
        }
        let message = Message(
            id: ObjectId(), roomID: new.roomID, sender: new.sender, content: new.content,
            timestamp: clock.milliseconds(), clientID: new.clientID)
        // A clock may step backwards, so insert in order rather than append.
        let index = room.messages.partitioningIndex { message.position < $0.position }
        room.messages.insert(message, at: index)
        if let clientID = new.clientID { room.idsByClientID[clientID] = message.id }
        rooms[new.roomID] = room
        return .created(message)
    }

    public func message(roomID: String, id: ObjectId) async throws -> Message? {
        rooms[roomID]?.messages.first { $0.id == id }
    }

    public func page(_ request: PageRequest) async throws -> Page {
        let range = (rooms[request.roomID]?.messages ?? []).filter { request.contains($0.position) }
        let messages = request.readsForward ? Array(range.prefix(request.limit)) : Array(range.suffix(request.limit))
        return Page(messages: messages, hasMore: range.count > messages.count)
    }
}

extension Array {
    /// The first index whose element satisfies `belongsAfter`, for an array already partitioned by it.
    fileprivate func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongsAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
