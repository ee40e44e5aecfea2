import BSON
import EngineQuery
import Foundation

/// Open cursors by id. A cursor is checked out while a getMore runs on it, so two getMores cannot
/// interleave on one cursor. Idle cursors expire after `idleTimeout` (MongoDB's default, 10 minutes),
/// and the number open at once is bounded.
final class CursorRegistry: @unchecked Sendable {
    struct Entry: Sendable {
        let namespace: Namespace
        var source: CursorSource
        var lastUsed: ContinuousClock.Instant
    }

    let idleTimeout: Duration
    let maxOpen: Int
    private let lock = NSLock()
    private var open: [Int64: Entry] = [:]
    private var inUse: [Int64: Namespace] = [:]

    init(idleTimeout: Duration = .seconds(600), maxOpen: Int = 10_000) {
        self.idleTimeout = idleTimeout
        self.maxOpen = maxOpen
    }

    func register(_ namespace: Namespace, source: CursorSource) throws(EngineError) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        do {
            expireLocked()
            guard open.count + inUse.count < maxOpen else {
                throw EngineError.badValue("too many open cursors (\(maxOpen)); close or exhaust some first")
            }
            var id: Int64
            repeat { id = Int64.random(in: 1...Int64.max) } while open[id] != nil || inUse[id] != nil
            open[id] = Entry(namespace: namespace, source: source, lastUsed: .now)
            return id
        }
    }

    /// Takes the cursor for a getMore; `checkIn` or `finish` must follow.
    func checkOut(_ id: Int64, namespace: Namespace) throws(EngineError) -> Entry {
        lock.lock()
        defer { lock.unlock() }
        do {
            expireLocked()
            if inUse[id] != nil {
                throw EngineError(code: 50738, codeName: "Location50738", message: "cursor id \(id) is already in use")
            }
            guard let entry = open[id] else { throw EngineError.cursorNotFound("cursor id \(id) not found") }
            guard entry.namespace == namespace else {
                throw EngineError(code: 13, codeName: "Unauthorized",
                                  message: "Requested getMore on namespace '\(namespace)', but cursor belongs to a different namespace \(entry.namespace)")
            }
            open[id] = nil
            inUse[id] = namespace
            return entry
        }
    }

    func checkIn(_ id: Int64, source: CursorSource) {
        lock.withLock {
            guard let namespace = inUse.removeValue(forKey: id) else { return }
            open[id] = Entry(namespace: namespace, source: source, lastUsed: .now)
        }
    }

    func finish(_ id: Int64) {
        _ = lock.withLock { inUse.removeValue(forKey: id) }
    }

    /// Kills cursors; returns (killed, notFound).
    func kill(_ ids: [Int64]) -> (killed: [Int64], notFound: [Int64]) {
        lock.withLock {
            var killed: [Int64] = []
            var notFound: [Int64] = []
            for id in ids {
                if open.removeValue(forKey: id) != nil || inUse.removeValue(forKey: id) != nil { killed.append(id) } else { notFound.append(id) }
            }
            return (killed, notFound)
        }
    }

    var openCount: Int { lock.withLock { open.count + inUse.count } }

    private func expireLocked() {
        let deadline = ContinuousClock.now - idleTimeout
        open = open.filter { $0.value.lastUsed > deadline }
    }
}
