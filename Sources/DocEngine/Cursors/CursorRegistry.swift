import BSON
import EngineQuery
import NIOCore
import NIOPosix
import Synchronization

/// Open cursors by id. A cursor is checked out while a getMore runs on it, so two getMores cannot
/// interleave on one cursor. Idle cursors expire after `idleTimeout` (MongoDB's default, 10 minutes),
/// swept on a timer as well as on every use, and both the number of open cursors and the bytes their
/// buffered results hold are bounded, so clients that open and abandon cursors cannot grow the process.
final class CursorRegistry: Sendable {
    struct Entry: Sendable {
        let namespace: CollectionNamespace
        var source: CursorSource
        var lastUsed: ContinuousClock.Instant
    }

    private struct State {
        var open: [Int64: Entry] = [:]
        /// Checked-out cursors with the bytes they held when taken (still counted against the bound).
        var inUse: [Int64: (namespace: CollectionNamespace, bytes: Int)] = [:]
        var bufferedBytes = 0
        var sweeper: RepeatedTask?

        mutating func expire(idleTimeout: Duration) {
            let deadline = ContinuousClock.now - idleTimeout
            for (id, entry) in open where entry.lastUsed <= deadline {
                open[id] = nil
                bufferedBytes -= entry.source.bufferedBytes
            }
        }
    }

    let idleTimeout: Duration
    let maxOpen: Int
    let maxBufferedBytes: Int
    private let state = Mutex(State())

    init(idleTimeout: Duration = .seconds(600), maxOpen: Int = 10_000, maxBufferedBytes: Int = 512 * 1024 * 1024) {
        self.idleTimeout = idleTimeout
        self.maxOpen = maxOpen
        self.maxBufferedBytes = maxBufferedBytes
    }

    /// Expires idle cursors every `interval` even when no cursor is touched; stopped by `stopSweeping`.
    func startSweeping(every interval: Duration) {
        let idleTimeout = self.idleTimeout
        let task = MultiThreadedEventLoopGroup.singleton.any().scheduleRepeatedTask(
            initialDelay: TimeAmount(interval), delay: TimeAmount(interval)
        ) { [weak self] _ in
            self?.state.withLock { $0.expire(idleTimeout: idleTimeout) }
        }
        state.withLock { $0.sweeper = task }
    }

    func stopSweeping() {
        state.withLock { state in
            state.sweeper?.cancel()
            state.sweeper = nil
        }
    }

    func register(_ namespace: CollectionNamespace, source: CursorSource) throws(EngineError) -> Int64 {
        let bytes = source.bufferedBytes
        return try state.withLock { (state: inout State) throws(EngineError) -> Int64 in
            state.expire(idleTimeout: idleTimeout)
            guard state.open.count + state.inUse.count < maxOpen else {
                throw EngineError(.badValue, "too many open cursors (\(maxOpen)); close or exhaust some first")
            }
            guard state.bufferedBytes + bytes <= maxBufferedBytes else {
                throw EngineError(.exceededMemoryLimit, "open cursors would hold \(state.bufferedBytes + bytes) bytes of results, over the limit of "
                        + "\(maxBufferedBytes); exhaust or close cursors, or ask for less")
            }
            var id: Int64
            repeat { id = Int64.random(in: 1...Int64.max) } while state.open[id] != nil || state.inUse[id] != nil
            state.open[id] = Entry(namespace: namespace, source: source, lastUsed: .now)
            state.bufferedBytes += bytes
            return id
        }
    }

    /// Takes the cursor for a getMore; `checkIn` or `finish` must follow.
    func checkOut(_ id: Int64, namespace: CollectionNamespace) throws(EngineError) -> Entry {
        try state.withLock { (state: inout State) throws(EngineError) -> Entry in
            state.expire(idleTimeout: idleTimeout)
            if state.inUse[id] != nil {
                throw EngineError(.cursorInUse, "cursor id \(id) is already in use")
            }
            guard let entry = state.open[id] else { throw EngineError(.cursorNotFound, "cursor id \(id) not found") }
            guard entry.namespace == namespace else {
                throw EngineError(.unauthorized, "Requested getMore on namespace '\(namespace)', but cursor belongs to a different namespace \(entry.namespace)")
            }
            state.open[id] = nil
            state.inUse[id] = (namespace, entry.source.bufferedBytes)
            return entry
        }
    }

    func checkIn(_ id: Int64, source: CursorSource) {
        let bytes = source.bufferedBytes
        state.withLock { state in
            guard let taken = state.inUse.removeValue(forKey: id) else { return }
            // The rest of a buffered result is never larger than what was taken, so this stays in bounds.
            state.bufferedBytes += bytes - taken.bytes
            state.open[id] = Entry(namespace: taken.namespace, source: source, lastUsed: .now)
        }
    }

    func finish(_ id: Int64) {
        state.withLock { state in
            if let taken = state.inUse.removeValue(forKey: id) { state.bufferedBytes -= taken.bytes }
        }
    }

    /// Kills cursors; returns (killed, notFound).
    func kill(_ ids: [Int64]) -> (killed: [Int64], notFound: [Int64]) {
        state.withLock { state in
            var killed: [Int64] = []
            var notFound: [Int64] = []
            for id in ids {
                if let entry = state.open.removeValue(forKey: id) {
                    state.bufferedBytes -= entry.source.bufferedBytes
                    killed.append(id)
                } else if let taken = state.inUse.removeValue(forKey: id) {
                    state.bufferedBytes -= taken.bytes
                    killed.append(id)
                } else {
                    notFound.append(id)
                }
            }
            return (killed, notFound)
        }
    }

    var openCount: Int { state.withLock { $0.open.count + $0.inUse.count } }

    /// Bytes of results the open cursors hold.
    var heldBytes: Int { state.withLock { $0.bufferedBytes } }
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
