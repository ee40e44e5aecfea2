import BSON
import Synchronization

/// The logical sessions clients have used on this engine (the `lsid` drivers send with each command),
/// with when each was last used, for `$listLocalSessions`. Sessions carry no state here (transactions
/// are refused), so this is a record of use, bounded to the most recent `capacity` sessions.
final class LocalSessionCache: Sendable {
    static let capacity = 10_000
    /// SHA-256 of the empty user name: the `uid` of every session, as no client authenticates.
    static let unauthenticatedUID: [UInt8] = [
        0xE3, 0xB0, 0xC4, 0x42, 0x98, 0xFC, 0x1C, 0x14, 0x9A, 0xFB, 0xF4, 0xC8, 0x99, 0x6F, 0xB9, 0x24,
        0x27, 0xAE, 0x41, 0xE4, 0x64, 0x9B, 0x93, 0x4C, 0xA4, 0x95, 0x99, 0x1B, 0x78, 0x52, 0xB8, 0x55,
    ]

    private let sessions = Mutex([[UInt8]: Int64]())

    /// Records the command's session, if it names one.
    func touch(_ body: Document, now: Int64) {
        guard case .binary(subtype: 4, let id)? = body["lsid"]?.documentValue?["id"] else { return }
        sessions.withLock { sessions in
            sessions[id] = now
            // Past capacity, the older half goes at once: an amortised O(log n) per command, where
            // evicting one at a time would scan every session on every command once full.
            if sessions.count > Self.capacity {
                let keep = sessions.sorted { $0.value > $1.value }.prefix(Self.capacity / 2)
                sessions = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
            }
        }
    }

    /// `{_id: {id, uid}, lastUse}` per session, most recently used first.
    func list() -> [Document] {
        sessions.withLock { $0 }.sorted { $0.value > $1.value }.map { id, lastUse in
            [
                "_id": ["id": .binary(subtype: 4, data: id), "uid": .binary(subtype: 0, data: Self.unauthenticatedUID)],
                "lastUse": .datetime(lastUse),
            ]
        }
    }
}
