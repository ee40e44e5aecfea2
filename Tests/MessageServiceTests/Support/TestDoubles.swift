import BSON
import Foundation
@testable import MessageService

/// A clock the test moves by hand, so many messages can share one millisecond.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Int64

    init(_ start: Int64 = 1_795_215_243_071) { now = start }

    func set(_ value: Int64) { lock.withLock { now = value } }

    func advance(by milliseconds: Int64 = 1) { lock.withLock { now += milliseconds } }

    var wallClock: WallClock { WallClock { [self] in lock.withLock { now } } }

    /// A clock that moves one millisecond forward after every reading.
    var tickingWallClock: WallClock {
        WallClock { [self] in
            lock.withLock {
                defer { now += 1 }
                return now
            }
        }
    }
}

/// A store whose database is down: every call fails the way a real store reports it.
struct UnreachableStore: MessageStore {
    static let error = MessageStoreError.unavailable(retryAfterSeconds: 2)
    func prepare() async throws {}
    func insert(_ message: NewMessage) async throws -> InsertOutcome { throw Self.error }
    func importMessages(_ batch: [ImportedMessage], roomID: String) async throws -> [ImportOutcome] { throw Self.error }
    func message(roomID: String, id: ObjectId) async throws -> Message? { throw Self.error }
    func page(_ request: PageRequest) async throws -> Page { throw Self.error }
    func edit(_ edit: MessageEdit) async throws -> EditOutcome? { throw Self.error }
    func delete(roomID: String, id: ObjectId) async throws -> Message? { throw Self.error }
    func changes(_ request: ChangesRequest) async throws -> ChangesPage { throw Self.error }
    func lastChange(roomID: String) async throws -> Int64 { throw Self.error }
    func ping() async throws { throw Self.error }
}

/// A store whose disk is full: new messages are refused, reads still work.
struct FullStore: MessageStore {
    let base = InMemoryMessageStore()
    func prepare() async throws {}
    func insert(_ message: NewMessage) async throws -> InsertOutcome { throw MessageStoreError.full }
    func importMessages(_ batch: [ImportedMessage], roomID: String) async throws -> [ImportOutcome] { throw MessageStoreError.full }
    func message(roomID: String, id: ObjectId) async throws -> Message? { try await base.message(roomID: roomID, id: id) }
    func page(_ request: PageRequest) async throws -> Page { try await base.page(request) }
    func edit(_ edit: MessageEdit) async throws -> EditOutcome? { throw MessageStoreError.full }
    func delete(roomID: String, id: ObjectId) async throws -> Message? { throw MessageStoreError.full }
    func changes(_ request: ChangesRequest) async throws -> ChangesPage { try await base.changes(request) }
    func lastChange(roomID: String) async throws -> Int64 { try await base.lastChange(roomID: roomID) }
    func ping() async throws {}
    var writesRefusedReason: String? { MessageStoreError.full.description }
}

/// A store that fails in a way nobody classified, with a detail that must never reach a client.
struct BrokenStore: MessageStore {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "driver exploded; uri=mongodb://admin:\(BrokenStore.secret)@db" }
    }
    static let secret = "hunter2"
    func prepare() async throws {}
    func insert(_ message: NewMessage) async throws -> InsertOutcome { throw Failure() }
    func importMessages(_ batch: [ImportedMessage], roomID: String) async throws -> [ImportOutcome] { throw Failure() }
    func message(roomID: String, id: ObjectId) async throws -> Message? { throw Failure() }
    func page(_ request: PageRequest) async throws -> Page { throw Failure() }
    func edit(_ edit: MessageEdit) async throws -> EditOutcome? { throw Failure() }
    func delete(roomID: String, id: ObjectId) async throws -> Message? { throw Failure() }
    func changes(_ request: ChangesRequest) async throws -> ChangesPage { throw Failure() }
    func lastChange(roomID: String) async throws -> Int64 { throw Failure() }
    func ping() async throws { throw Failure() }
}

/// Records whether `prepare()` ran, to check the application calls it before serving.
actor PreparationRecordingStore: MessageStore {
    let base = InMemoryMessageStore()
    private(set) var prepared = false
    func prepare() async throws { prepared = true }
    func insert(_ message: NewMessage) async throws -> InsertOutcome { try await base.insert(message) }
    func importMessages(_ batch: [ImportedMessage], roomID: String) async throws -> [ImportOutcome] {
        try await base.importMessages(batch, roomID: roomID)
    }
    func message(roomID: String, id: ObjectId) async throws -> Message? { try await base.message(roomID: roomID, id: id) }
    func page(_ request: PageRequest) async throws -> Page { try await base.page(request) }
    func edit(_ edit: MessageEdit) async throws -> EditOutcome? { try await base.edit(edit) }
    func delete(roomID: String, id: ObjectId) async throws -> Message? { try await base.delete(roomID: roomID, id: id) }
    func changes(_ request: ChangesRequest) async throws -> ChangesPage { try await base.changes(request) }
    func lastChange(roomID: String) async throws -> Int64 { try await base.lastChange(roomID: roomID) }
    func ping() async throws {}
}
