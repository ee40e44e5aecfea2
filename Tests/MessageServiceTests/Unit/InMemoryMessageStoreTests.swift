import BSON
import Testing
@testable import MessageService

@Suite struct InMemoryMessageStoreTests {
    let clock = ManualClock(1_000)

    private func new(_ room: String = "r", sender: String = "s", content: String = "c", clientID: String? = nil) throws -> NewMessage {
        try NewMessage(roomID: room, sender: sender, content: content, clientID: clientID, maxContentBytes: 16384)
    }

    /// Stores `count` messages in room "r", three per millisecond, and returns them in history order.
    private func filledStore(_ count: Int) async throws -> (InMemoryMessageStore, [Message]) {
        let store = InMemoryMessageStore(clock: clock.wallClock)
        var stored: [Message] = []
        for index in 0..<count {
            if index % 3 == 0 { clock.advance() }
            stored.append(try await store.insert(new(content: "m\(index)")).message)
        }
        return (store, stored.sorted { $0.position < $1.position })
    }

    @Test func assignsIdAndTimestamp() async throws {
        let store = InMemoryMessageStore(clock: clock.wallClock)
        guard case .created(let message) = try await store.insert(new(sender: "alice", content: "hi", clientID: "c1")) else {
            Issue.record("not created")
            return
        }
        #expect(message.timestamp == 1_000)
        #expect(message.roomID == "r" && message.sender == "alice" && message.content == "hi" && message.clientID == "c1")
        #expect(try await store.message(roomID: "r", id: message.id) == message)
        #expect(try await store.message(roomID: "other", id: message.id) == nil)
        #expect(try await store.message(roomID: "r", id: ObjectId()) == nil)
    }

    @Test func clientIDMakesRetriesIdempotentPerRoom() async throws {
        let store = InMemoryMessageStore(clock: clock.wallClock)
        let first = try await store.insert(new(clientID: "k")).message
        clock.advance()
        #expect(try await store.insert(new(clientID: "k")) == .existing(first))
        await #expect(throws: MessageStoreError.clientIDConflict(clientID: "k")) { try await store.insert(self.new(content: "other", clientID: "k")) }
        await #expect(throws: MessageStoreError.clientIDConflict(clientID: "k")) { try await store.insert(self.new(sender: "other", clientID: "k")) }
        // The same key in another room is another message.
        guard case .created = try await store.insert(new("r2", clientID: "k")) else {
            Issue.record("a client_id must be scoped to its room")
            return
        }
        // Messages without a client_id never collide.
        #expect(try await store.insert(new()).message.id != store.insert(new()).message.id)
        #expect(try await store.page(PageRequest(roomID: "r", limit: 10)).messages.count == 3)
    }

    @Test func emptyRoomIsAnEmptyPage() async throws {
        let store = InMemoryMessageStore()
        #expect(try await store.page(PageRequest(roomID: "none", limit: 5)) == Page(messages: [], hasMore: false))
    }

    @Test func withoutCursorsReturnsTheNewest() async throws {
        let (store, all) = try await filledStore(10)
        #expect(try await store.page(PageRequest(roomID: "r", limit: 4)) == Page(messages: Array(all[6...]), hasMore: true))
        #expect(try await store.page(PageRequest(roomID: "r", limit: 10)) == Page(messages: all, hasMore: false))
        #expect(try await store.page(PageRequest(roomID: "r", limit: 11)) == Page(messages: all, hasMore: false))
    }

    @Test func beforeReturnsTheNewestStrictlyOlder() async throws {
        let (store, all) = try await filledStore(10)
        let before = all[5].position
        #expect(try await store.page(PageRequest(roomID: "r", limit: 3, before: before)) == Page(messages: Array(all[2..<5]), hasMore: true))
        #expect(try await store.page(PageRequest(roomID: "r", limit: 5, before: before)) == Page(messages: Array(all[0..<5]), hasMore: false))
        #expect(try await store.page(PageRequest(roomID: "r", limit: 5, before: all[0].position)) == Page(messages: [], hasMore: false))
    }

    @Test func afterReturnsTheOldestStrictlyNewer() async throws {
        let (store, all) = try await filledStore(10)
        let after = all[4].position
        #expect(try await store.page(PageRequest(roomID: "r", limit: 3, after: after)) == Page(messages: Array(all[5..<8]), hasMore: true))
        #expect(try await store.page(PageRequest(roomID: "r", limit: 5, after: after)) == Page(messages: Array(all[5...]), hasMore: false))
        #expect(try await store.page(PageRequest(roomID: "r", limit: 5, after: all[9].position)) == Page(messages: [], hasMore: false))
    }

    @Test func bothCursorsReturnTheOldestBetween() async throws {
        let (store, all) = try await filledStore(10)
        let range = PageRequest(roomID: "r", limit: 3, before: all[8].position, after: all[1].position)
        #expect(try await store.page(range) == Page(messages: Array(all[2..<5]), hasMore: true))
        var wide = range
        wide.limit = 6
        // has_more counts only what lies inside the range, not all[8...].
        #expect(try await store.page(wide) == Page(messages: Array(all[2..<8]), hasMore: false))
        var inverted = range
        (inverted.before, inverted.after) = (range.after, range.before)
        #expect(try await store.page(inverted) == Page(messages: [], hasMore: false))
    }

    @Test func orderIsCreationOrderAndTimestampsNeverDecrease() async throws {
        let store = InMemoryMessageStore(clock: clock.wallClock)
        clock.set(50)
        let first = try await store.insert(new(content: "first"))
        clock.set(10)  // a clock stepping back leaves history in creation order, timestamps not decreasing
        let second = try await store.insert(new(content: "second"))
        clock.set(60)
        let third = try await store.insert(new(content: "third"))
        let page = try await store.page(PageRequest(roomID: "r", limit: 10))
        #expect(page.messages == [first.message, second.message, third.message])
        #expect(page.messages.map(\.seq) == [1, 2, 3])
        #expect(page.messages.map(\.timestamp) == [50, 50, 60])
    }

    @Test func roomsAreSeparate() async throws {
        let store = InMemoryMessageStore()
        _ = try await store.insert(new("a"))
        _ = try await store.insert(new("b"))
        #expect(try await store.page(PageRequest(roomID: "a", limit: 10)).messages.map(\.roomID) == ["a"])
    }
}
