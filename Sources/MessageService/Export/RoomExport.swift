import NIOCore

/// Every message of a room, tombstones included, in seq order, as NDJSON (`Message.writeExportLine`),
/// read a page at a time so that memory stays bounded by one page however large the room.
///
/// Pages are cut on seq, so messages posted during the export are included when their seq is reached,
/// and none is skipped or repeated; each message is as it was when its page was read.
public struct RoomExport<Store: MessageStore>: Sendable {
    let store: Store
    let roomID: String
    var pageSize = 500

    /// Throws when `roomID` is not a valid room name.
    public init(store: Store, roomID: String) throws(MessageValidationError) {
        try Validation.checkRoomID(roomID)
        self.store = store
        self.roomID = roomID
    }

    /// The first page, read before anything is written, so that a failing store is still answered with
    /// an error rather than a cut-short body.
    public func firstPage() async throws -> Page {
        try await store.page(PageRequest(roomID: roomID, limit: pageSize, after: Position(seq: 0)))
    }

    /// The room's message count, for progress: seq runs 1, 2, 3… with no gaps, so it is the last seq.
    public func messageCount() async throws -> Int64 {
        try await store.page(PageRequest(roomID: roomID, limit: 1)).messages.last?.seq ?? 0
    }

    /// Hands each page's lines to `write` as one buffer, with the number of messages in it, starting
    /// with `first`.
    public func run(from first: Page, write: (ByteBuffer, Int) async throws -> Void) async throws {
        var page = first
        var buffer = ByteBufferAllocator().buffer(capacity: 64 * 1024)
        while true {
            buffer.clear()
            for message in page.messages { message.writeExportLine(to: &buffer) }
            if !page.messages.isEmpty { try await write(buffer, page.messages.count) }
            guard page.hasMore, let last = page.messages.last else { return }
            page = try await store.page(PageRequest(roomID: roomID, limit: pageSize, after: last.position))
        }
    }
}
