import BSON

/// Where messages live. The HTTP layer is generic over it: an in-memory actor for tests, MongoDB in production.
///
/// Order and change numbers, the same in every store: a new message takes the room's next `seq` and a
/// timestamp of max(now, its predecessor's); every create, edit and delete takes the room's next change
/// number, and once any reader has seen change N of a room, no change ≤ N of that room can appear later.
///
/// Errors: throw `MessageStoreError.unavailable` when the database cannot be reached, `.full` when it has
/// no room for a new message, `.clientIDConflict` as described on `insert`, `.messageDeleted` as described
/// on `edit`, `.contended` when other writers kept taking the room's next number first. Anything else thrown becomes a 500 whose detail is logged, never shown to the client.
public protocol MessageStore: Sendable {
    /// Creates what the store needs (indexes) and gives `seq` and `change` to messages stored by earlier
    /// versions, idempotently; called once before the server accepts requests.
    func prepare() async throws

    /// Stores `message`, assigning its id, seq, change and timestamp (milliseconds, UTC).
    ///
    /// When the message has a client_id already used in the same room: if sender and content equal the stored
    /// message's byte for byte (`NewMessage.hasSameText(as:)`), nothing is stored and the original comes back as
    /// `.existing`; a tombstone under that client_id comes back as `.existing` when the sender matches (its
    /// content is gone, so it cannot be compared); otherwise it throws `MessageStoreError.clientIDConflict`.
    /// Concurrent retries must resolve the same way: exactly one `.created`, the rest `.existing` or a conflict.
    func insert(_ message: NewMessage) async throws -> InsertOutcome

    /// Imports `batch` into room `roomID`, in order, answering one outcome per message (see `ImportPlan`
    /// for when a message is `existing` or refused). Each stored message keeps its id, timestamp, edit
    /// time and deleted state, and takes the room's next seq and change numbers as a post does, under the
    /// same guarantee. Its kept timestamp is the one exception to timestamps never decreasing along seq.
    /// Throws only for what stops the whole batch (the database unreachable or full).
    func importMessages(_ batch: [ImportedMessage], roomID: String) async throws -> [ImportOutcome]

    /// The message (or tombstone) with `id` in room `roomID`, or nil if that room has no such message.
    func message(roomID: String, id: ObjectId) async throws -> Message?

    /// The page described by `request` (see `PageRequest` and `Page`). Tombstones are included.
    func page(_ request: PageRequest) async throws -> Page

    /// The search results described by `request` (see `SearchRequest` and `SearchPage`), matched as
    /// `SearchMatcher` says. Tombstones are never found.
    func search(_ request: SearchRequest) async throws -> SearchPage

    /// Replaces a message's content, as a new change. nil when the room has no such message; `.unchanged`
    /// (no new change) when the content is the same byte for byte; throws `MessageStoreError.messageDeleted`
    /// for a tombstone.
    func edit(_ edit: MessageEdit) async throws -> EditOutcome?

    /// Deletes a message's content, leaving its tombstone, as a new change; deleting a tombstone again
    /// returns it unchanged. nil when the room has no such message.
    func delete(roomID: String, id: ObjectId) async throws -> Message?

    /// The latest state of the messages whose latest change is after `request.after`, in change order.
    func changes(_ request: ChangesRequest) async throws -> ChangesPage

    /// The room's latest change number (0 when nothing has happened in it).
    func lastChange(roomID: String) async throws -> Int64

    /// Succeeds when the database answers.
    func ping() async throws

    /// Why new messages are being refused while reads still work (a full disk), or nil when they are not.
    var writesRefusedReason: String? { get }

    /// Tells of changes as they are written through any instance sharing the store: a wake-up for live
    /// feeds, not a record (a notice can be missed; the change index stays what they deliver). nil when the
    /// store offers none; throws `RoomChangesError.unavailable` when the deployment cannot. The sequence
    /// ends with an error when the notifications fail; ending the iteration releases what they hold.
    func roomChanges() async throws -> AsyncThrowingStream<RoomChange, any Error>?
}

extension MessageStore {
    public var writesRefusedReason: String? { nil }

    public func roomChanges() async throws -> AsyncThrowingStream<RoomChange, any Error>? { nil }
}
