import BSON
import Testing
@testable import MessageService

/// The import semantics every store shares (`ImportPlan`), on the in-memory store.
@Suite struct StoreImportTests {
    private let clock = ManualClock(2_000_000_000_000)

    private func exported(
        _ id: ObjectId = ObjectId(), sender: String = "alice", content: String = "hi", timestamp: Int64 = 1_000,
        clientID: String? = nil, editedAt: Int64? = nil, deletedAt: Int64? = nil
    ) throws -> ImportedMessage {
        try ImportedMessage(id: id, sender: sender, content: deletedAt == nil ? content : nil, timestamp: timestamp,
                            clientID: clientID, editedAt: editedAt, deletedAt: deletedAt, maxContentBytes: 100)
    }

    private func imported(_ outcomes: [ImportOutcome]) -> [Message] {
        outcomes.compactMap { if case .imported(let message) = $0 { message } else { nil } }
    }

    @Test func importedMessagesKeepTheirIdentityAndFollowTheRoom() async throws {
        let store = InMemoryMessageStore(clock: clock.wallClock)
        let posted = try await store.insert(NewMessage(roomID: "r", sender: "bob", content: "first", clientID: nil, maxContentBytes: 100))
        let live = try exported(timestamp: 1_000, editedAt: 1_500)
        let gone = try exported(sender: "carol", timestamp: 2_000, clientID: "c-9", deletedAt: 3_000)
        let outcomes = try await store.importMessages([live, gone], roomID: "r")
        let stored = imported(outcomes)
        #expect(stored.map(\.id) == [live.id!, gone.id!])
        #expect(stored.map(\.seq) == [2, 3])
        #expect(stored.map(\.change) == [2, 3])
        #expect(stored.map(\.timestamp) == [1_000, 2_000])
        #expect(stored[0].editedAt == 1_500 && stored[0].content == "hi")
        #expect(stored[1].deletedAt == 3_000 && stored[1].clientID == "c-9" && stored[1].content == "")
        #expect(try await store.message(roomID: "r", id: live.id!) == stored[0])
        #expect(try await store.changes(ChangesRequest(roomID: "r", after: posted.message.change, limit: 10)).changes == stored)
    }

    @Test func importingAgainStoresNothing() async throws {
        let store = InMemoryMessageStore(clock: clock.wallClock)
        let batch = [try exported(clientID: "c-1"), try exported(content: "two")]
        let first = try await store.importMessages(batch, roomID: "r")
        let second = try await store.importMessages(batch, roomID: "r")
        #expect(second == imported(first).map(ImportOutcome.existing))
        #expect(try await store.lastChange(roomID: "r") == 2)
    }

    @Test func anIdOfAnotherRoomIsRefusedAndTheRestImported() async throws {
        let store = InMemoryMessageStore(clock: clock.wallClock)
        let elsewhere = try exported()
        _ = try await store.importMessages([elsewhere], roomID: "other")
        let fresh = try exported(content: "fresh")
        let outcomes = try await store.importMessages([elsewhere, fresh], roomID: "r")
        #expect(outcomes[0] == .refused(.idInAnotherRoom(id: elsewhere.id!.hex)))
        #expect(imported(outcomes).map(\.id) == [fresh.id!])
    }

    @Test func aClientIDDecidesAsARetriedPost() async throws {
        let store = InMemoryMessageStore(clock: clock.wallClock)
        let posted = try await store.insert(NewMessage(roomID: "r", sender: "alice", content: "hi", clientID: "c-1", maxContentBytes: 100))
        let same = try exported(sender: "alice", content: "hi", clientID: "c-1")
        let other = try exported(sender: "alice", content: "changed", clientID: "c-1")
        let outcomes = try await store.importMessages([same, other], roomID: "r")
        #expect(outcomes == [.existing(posted.message), .refused(.clientIDConflict(clientID: "c-1"))])
    }

    @Test func repeatsInOneBatchAreDecidedAgainstTheFirst() async throws {
        let store = InMemoryMessageStore(clock: clock.wallClock)
        let message = try exported(clientID: "c-1")
        let conflicting = try exported(content: "other", clientID: "c-1")
        let outcomes = try await store.importMessages([message, message, conflicting], roomID: "r")
        let first = try #require(imported(outcomes).first)
        #expect(outcomes == [.imported(first), .existing(first), .refused(.clientIDConflict(clientID: "c-1"))])
    }

    @Test func aBareLineIsStampedLikeAPost() async throws {
        let store = InMemoryMessageStore(clock: clock.wallClock)
        let future = try exported(timestamp: 2_000_000_005_000)
        let bare = try ImportedMessage(id: nil, sender: "a", content: "b", timestamp: nil, clientID: nil, editedAt: nil,
                                       deletedAt: nil, maxContentBytes: 100)
        let stored = imported(try await store.importMessages([future, bare], roomID: "r"))
        #expect(stored.map(\.timestamp) == [2_000_000_005_000, 2_000_000_005_000])
        #expect(stored[1].id != future.id)
    }
}
