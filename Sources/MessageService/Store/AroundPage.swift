import BSON

/// A message with its neighbours in the room's history, ascending: up to `limit / 2` older messages,
/// the message, and up to `limit / 2` newer ones (tombstones included, as in any history page).
/// `foundOldest`/`foundNewest` say that nothing older/newer exists beyond them.
public struct AroundPage: Sendable, Hashable {
    public var messages: [Message]
    public var foundOldest: Bool
    public var foundNewest: Bool
}

extension MessageStore {
    /// The page around message `id`, or nil when the room has no such message (or, with `sender`, when
    /// it is not that sender's; the neighbours are then that sender's too). Built from two ordinary
    /// pages either side of the message's position, so it pages exactly as history does.
    func around(roomID: String, id: ObjectId, limit: Int, sender: String?) async throws -> AroundPage? {
        guard let target = try await message(roomID: roomID, id: id),
              sender.map({ $0.utf8.elementsEqual(target.sender.utf8) }) ?? true else { return nil }
        let half = limit / 2
        // At least one each side even when no neighbour is shown, to learn whether either end is reached.
        let older = try await page(PageRequest(roomID: roomID, limit: max(half, 1), before: target.position, sender: sender))
        let newer = try await page(PageRequest(roomID: roomID, limit: max(half, 1), after: target.position, sender: sender))
        let shownOlder = older.messages.suffix(half)
        let shownNewer = newer.messages.prefix(half)
        return AroundPage(
            messages: Array(shownOlder) + [target] + Array(shownNewer),
            foundOldest: !older.hasMore && shownOlder.count == older.messages.count,
            foundNewest: !newer.hasMore && shownNewer.count == newer.messages.count)
    }
}
