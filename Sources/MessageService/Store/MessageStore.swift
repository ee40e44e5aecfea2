import BSON

/// Where messages live. The HTTP layer is generic over it: an in-memory actor for tests, MongoDB in production.
///
/// Errors: throw `MessageStoreError.unavailable` when the database cannot be reached, `.full` when it has
/// no room for a new message, and `.clientIDConflict` as described on `insert`. Anything else thrown becomes
/// a 500 whose
/// detail is logged, never shown to the client.
public protocol MessageStore: Sendable {
    /// Creates what the store needs (indexes), idempotently; called once before the server accepts requests.
    func prepare() async throws

    /// Stores `message`, assigning its id and its timestamp (milliseconds, UTC, now).
    ///
    /// When the message has a client_id already used in the same room: if sender and content equal the stored
    /// message's byte for byte (`NewMessage.hasSameText(as:)`), nothing is stored and the original comes back as
    /// `.existing`; otherwise it throws `MessageStoreError.clientIDConflict`. Concurrent retries must resolve the same
    /// way: exactly one `.created`, the rest `.existing` or a conflict.
    func insert(_ message: NewMessage) async throws -> InsertOutcome

    /// The message with `id` in room `roomID`, or nil if that room has no such message.
    func message(roomID: String, id: ObjectId) async throws -> Message?

    /// The page described by `request` (see `PageRequest` and `Page`).
    func page(_ request: PageRequest) async throws -> Page

    /// Succeeds when the database answers.
    func ping() async throws

    /// Why new messages are being refused while reads still work (a full disk), or nil when they are not.
    var writesRefusedReason: String? { get }
}

extension MessageStore {
    public var writesRefusedReason: String? { nil }
}
