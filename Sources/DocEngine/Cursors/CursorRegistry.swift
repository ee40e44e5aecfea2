import BSON
import EngineQuery
import Foundation
import NIOCore
import NIOPosix

/// Open cursors by id. A cursor is checked out while a getMore runs on it, so two getMores cannot
/// interleave on one cursor. Idle cursors expire after `idleTimeout` (MongoDB's default, 10 minutes),
/// swept on a timer as well as on every use, and both the number of open cursors and the bytes their
/// buffered results hold are bounded, so clients that open and abandon cursors cannot grow the process.
final class CursorRegistry: @unchecked Sendable {
    struct Entry: Sendable {
        let namespace: Namespace
        var source: CursorSource
        var lastUsed: ContinuousClock.Instant
    }

    let idleTimeout: Duration
    let maxOpen: Int
    let maxBufferedBytes: Int
    private let lock = NSLock()
    private var open: [Int64: Entry] = [:]
    /// Checked-out cursors with the bytes they held when taken (still counted against the bound).
    private var inUse: [Int64: (namespace: Namespace, bytes: Int)] = [:]
    private var bufferedBytes = 0
    private var sweeper: RepeatedTask?

    init(idleTimeout: Duration = .seconds(600), maxOpen: Int = 10_000, maxBufferedBytes: Int = 512 * 1024 * 1024) {
        self.idleTimeout = idleTimeout
        self.maxOpen = maxOpen
        self.maxBufferedBytes = maxBufferedBytes
    }

    /// Expires idle cursors every `interval` even when no cursor is touched; stopped by `stopSweeping`.
    func startSweeping(every interval: Duration) {
        let task = MultiThreadedEventLoopGroup.singleton.any().scheduleRepeatedTask(
            initialDelay: TimeAmount(interval), delay: TimeAmount(interval)
        ) { [weak self] _ in
            self?.lock.withLock { self?.expireLocked() }
        }
        lock.withLock { sweeper = task }
    }

    func stopSweeping() {
        lock.withLock {
            sweeper?.cancel()
            sweeper = nil
        }
    }

    func register(_ namespace: Namespace, source: CursorSource) throws(EngineError) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        do {
            expireLocked()
            guard open.count + inUse.count < maxOpen else {
                throw EngineError.badValue("too many open cursors (\(maxOpen)); close or exhaust some first")
            }
            let bytes = source.bufferedBytes
            guard bufferedBytes + bytes <= maxBufferedBytes else {
                throw EngineError(
                    code: 146, codeName: "ExceededMemoryLimit",
                    message: "open cursors would hold \(bufferedBytes + bytes) bytes of results, over the limit of "
                        + "\(maxBufferedBytes); exhaust or close cursors, or ask for less")
            }
            var id: Int64
            repeat { id = Int64.random(in: 1...Int64.max) } while open[id] != nil || inUse[id] != nil
            open[id] = Entry(namespace: namespace, source: source, lastUsed: .now)
            bufferedBytes += bytes
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
            inUse[id] = (namespace, entry.source.bufferedBytes)
            return entry
        }
    }

    func checkIn(_ id: Int64, source: CursorSource) {
        lock.withLock {
            guard let taken = inUse.removeValue(forKey: id) else { return }
            // The rest of a buffered result is never larger than what was taken, so this stays in bounds.
            bufferedBytes += source.bufferedBytes - taken.bytes
            open[id] = Entry(namespace: taken.namespace, source: source, lastUsed: .now)
        }
    }

    func finish(_ id: Int64) {
        lock.withLock {
            if let taken = inUse.removeValue(forKey: id) { bufferedBytes -= taken.bytes }
        }
    }

    /// Kills cursors; returns (killed, notFound).
    func kill(_ ids: [Int64]) -> (killed: [Int64], notFound: [Int64]) {
        lock.withLock {
            var killed: [Int64] = []
            var notFound: [Int64] = []
            for id in ids {
                if let entry = open.removeValue(forKey: id) {
                    bufferedBytes -= entry.source.bufferedBytes
                    killed.append(id)
                } else if let taken = inUse.removeValue(forKey: id) {
                    bufferedBytes -= taken.bytes
                    killed.append(id)
                } else {
                    notFound.append(id)
                }
            }
            return (killed, notFound)
        }
    }

    var openCount: Int { lock.withLock { open.count + inUse.count } }

    /// Bytes of results the open cursors hold.
    var heldBytes: Int { lock.withLock { bufferedBytes } }

    private func expireLocked() {
        let deadline = ContinuousClock.now - idleTimeout
        for (id, entry) in open where entry.lastUsed <= deadline {
            open[id] = nil
            bufferedBytes -= entry.source.bufferedBytes
        }
    }
}

extension CursorSource {
    /// What a buffered result holds in memory; a stream holds only its position.
    var bufferedBytes: Int {
        switch self {
        case .stream: 0
        case .buffered(let documents): documents.reduce(0) { $0 + $1.byteCount }
        }
    }
}
