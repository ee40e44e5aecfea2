import Synchronization
import Testing
@testable import MessageService

/// Shared state for writers on several tasks.
private final class Box<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func withLock<R>(_ body: (inout Value) -> R) -> R { value.withLock { body(&$0) } }
}

/// One write at a time per room; an outage found by one writer is every queued writer's answer at once.
@Suite struct RoomWriteQueueTests {
    @Test func writersOfARoomRunOneAtATimeInOrder() async throws {
        let queue = RoomWriteQueue()
        let log = Box<[String]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    try await queue.run(in: "lobby") {
                        log.withLock { $0.append("start \(writer)") }
                        try await Task.sleep(for: .milliseconds(2))
                        log.withLock { $0.append("end \(writer)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        let entries = log.withLock { $0 }
        #expect(entries.count == 16)
        for pair in stride(from: 0, to: entries.count, by: 2) {
            #expect(entries[pair].hasPrefix("start") && entries[pair + 1] == "end" + entries[pair].dropFirst(5))
        }
    }

    @Test func queuedWritersShareTheOutageWithoutTryingThemselves() async throws {
        let queue = RoomWriteQueue()
        let ran = Box(0)
        let release = AsyncStream<Void>.makeStream()
        let first = Task {
            try await queue.run(in: "lobby") {
                ran.withLock { $0 += 1 }
                for await _ in release.stream { break }
                throw MessageStoreError.unavailable(retryAfterSeconds: 1)
            }
        }
        // Wait until the first writer holds the room, then queue three more behind it.
        while ran.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(1)) }
        let queued = (0..<3).map { _ in
            Task { try await queue.run(in: "lobby") { ran.withLock { $0 += 1 } } }
        }
        try await Task.sleep(for: .milliseconds(20))
        release.continuation.yield()
        for task in [first] + queued.map({ task in Task { try await task.value } }) {
            await #expect(throws: MessageStoreError.unavailable(retryAfterSeconds: 1)) { try await task.value }
        }
        #expect(ran.withLock { $0 } == 1, "only the first writer went to the database")
        // The room is free again: the next writer runs.
        try await queue.run(in: "lobby") { ran.withLock { $0 += 1 } }
        #expect(ran.withLock { $0 } == 2)
    }
}
