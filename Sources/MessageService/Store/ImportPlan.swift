import BSON

/// What to do with each message of one import round, decided from what the store already holds; shared
/// by every store so that they answer alike.
///
/// Idempotency comes from the ids and client_ids: a message whose id is already in the room is
/// `existing`; in another room it is refused (ids are unique across rooms). A client_id already used in
/// the room decides as a retried POST does: the same text is `existing`, other text is refused. Only the
/// first message of the round with a given id or client_id is decided here; later repeats are `deferred`
/// to the next round, which finds the first one stored and decides them against it.
struct ImportPlan {
    /// The outcome of each message decided without storing anything, by its index in the batch.
    var decided: [(index: Int, outcome: ImportOutcome)] = []
    /// The messages to store, in batch order, with the id each will have.
    var pending: [(index: Int, id: ObjectId)] = []
    /// Repeats of an id or client_id of this round, for the next round.
    var deferred: [Int] = []

    /// `indexes`: the batch's messages still undecided, ascending. `storedByID`: the stored messages (of
    /// any room) with the ids of those messages; `storedByClientID`: the room's messages with their client_ids.
    init(_ batch: [ImportedMessage], indexes: [Int], roomID: String, storedByID: [ObjectId: Message],
         storedByClientID: [String: Message]) {
        var idsThisRound = Set<ObjectId>()
        var clientIDsThisRound = Set<String>()
        for index in indexes {
            let message = batch[index]
            if let id = message.id, let stored = storedByID[id] {
                let outcome: ImportOutcome = stored.roomID.utf8.elementsEqual(roomID.utf8)
                    ? .existing(stored) : .refused(.idInAnotherRoom(id: id.hex))
                decided.append((index: index, outcome: outcome))
                continue
            }
            if let clientID = message.clientID, let stored = storedByClientID[clientID] {
                let outcome: ImportOutcome = message.isSame(as: stored)
                    ? .existing(stored) : .refused(.clientIDConflict(clientID: clientID))
                decided.append((index: index, outcome: outcome))
                continue
            }
            let id = message.id ?? ObjectId()
            if idsThisRound.contains(id) || message.clientID.map(clientIDsThisRound.contains) == true {
                deferred.append(index)
                continue
            }
            idsThisRound.insert(id)
            if let clientID = message.clientID { clientIDsThisRound.insert(clientID) }
            pending.append((index: index, id: id))
        }
    }

    /// The pending messages as stored in `roomID`: seq and change numbers following `head`, in batch order,
    /// and each exported timestamp kept; a bare line is stamped as a post would be, max(now, the previous
    /// message's timestamp).
    func numbered(_ batch: [ImportedMessage], roomID: String, head: RoomHead, now: Int64) -> [Message] {
        var previousTimestamp = head.lastTimestamp ?? now
        return pending.enumerated().map { offset, entry in
            let message = batch[entry.index]
            let timestamp = message.timestamp ?? max(now, previousTimestamp)
            previousTimestamp = timestamp
            return message.stored(in: roomID, id: entry.id, seq: head.lastSeq + 1 + Int64(offset),
                                  change: head.lastChange + 1 + Int64(offset), timestamp: timestamp)
        }
    }
}
