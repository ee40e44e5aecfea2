import Synchronization

/// Lets one write at a time per room from this process take the room's next numbers.
///
/// Only an optimisation: correctness comes from the unique indexes (see `RoomHead`). Without it, every
/// concurrent writer to a hot room reads the same head, one wins and the rest retry, so throughput in the
/// room falls as writers are added (measured: 322 posts/s with one writer, 62/s with 32). Queued here,
/// writers of one instance never collide with each other; only writers on other instances can, and they
/// retry as before. FIFO, so no writer waits behind later ones.
///
/// When the database is unreachable, the writer that found out hands that failure to every writer queued
/// behind it: each would otherwise wait for the one before it to time out and then time out itself, so
/// the tenth poster of a room would hear "unavailable" only after ten server-selection timeouts.
final class RoomWriteQueue: Sendable {
    private struct Room {
        var waiters: [CheckedContinuation<MessageStoreError?, Never>] = []
    }

    /// A room is present while one of its writes runs; its waiters queue behind it.
    private let rooms = Mutex<[String: Room]>([:])

    func run<T>(in roomID: String, _ body: () async throws -> T) async throws -> T {
        if let shared = await enter(roomID) { throw shared }
        do {
            let value = try await body()
            leave(roomID, failure: nil)
            return value
        } catch let error as MessageStoreError {
            if case .unavailable = error { leave(roomID, failure: error) } else { leave(roomID, failure: nil) }
            throw error
        } catch {
            leave(roomID, failure: nil)
            throw error
        }
    }

    /// Nil once this writer holds the room; the outage failure of the writer ahead of it, if it had one.
    private func enter(_ roomID: String) async -> MessageStoreError? {
        let entered = rooms.withLock { rooms -> Bool in
            guard rooms[roomID] == nil else { return false }
            rooms[roomID] = Room()
            return true
        }
        if entered { return nil }
        return await withCheckedContinuation { continuation in
            let enteredMeanwhile = rooms.withLock { rooms -> Bool in
                guard rooms[roomID] != nil else {
                    rooms[roomID] = Room()
                    return true
                }
                rooms[roomID]!.waiters.append(continuation)
                return false
            }
            if enteredMeanwhile { continuation.resume(returning: nil) }
        }
    }

    /// Hands the room to the next waiter (which then runs as the room's writer), or frees it. With an
    /// outage `failure`, every waiter is answered with it at once and the room is freed.
    private func leave(_ roomID: String, failure: MessageStoreError?) {
        let woken = rooms.withLock { rooms -> [CheckedContinuation<MessageStoreError?, Never>] in
            guard var room = rooms[roomID], !room.waiters.isEmpty else {
                rooms[roomID] = nil
                return []
            }
            if failure != nil {
                rooms[roomID] = nil
                return room.waiters
            }
            let next = room.waiters.removeFirst()
            rooms[roomID] = room
            return [next]
        }
        for waiter in woken { waiter.resume(returning: failure) }
    }
}
