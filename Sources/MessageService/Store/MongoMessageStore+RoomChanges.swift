import BSON
import MongoPool

extension MongoMessageStore {
    /// Writes that make a change (a post and an import insert; an edit and a delete update), reduced to
    /// the room. On a replica set an update event's documentKey is only `_id`, and an edit's
    /// updateDescription names the fields it set, never `room_id` (a message never moves), so the room
    /// comes from `fullDocument` with "updateLookup": the server reads the message back by `_id` (one
    /// point read per edit or delete; posts carry their document anyway) and the projection sends only
    /// `room_id`. `_id`, the resume token, must stay for libmongoc to resume after a failover.
    static let roomChangesPipeline: [Document] = [
        ["$match": ["operationType": ["$in": ["insert", "update", "replace"]]]],
        ["$project": ["fullDocument.room_id": 1]],
    ]

    /// A notice consumer that falls this far behind loses the oldest; the feeds' safety-net polls cover them.
    static let roomChangeBuffer = 10_000

    /// One change stream on `messages`, on MongoDB deployments that have them (replica sets, sharded
    /// clusters). Standalone MongoDB and the embedded engine refuse it (code 40573): that is thrown as
    /// `RoomChangesError.unavailable`.
    public func roomChanges() async throws -> AsyncThrowingStream<RoomChange, any Error>? {
        let stream: ChangeStream
        do {
            stream = try await client.watch(
                namespace, pipeline: Self.roomChangesPipeline,
                options: ChangeStreamOptions(fullDocument: .updateLookup, maxAwaitTime: .seconds(1)))
        } catch where error.isChangeStreamUnsupported {
            throw RoomChangesError.unavailable(reason: error.message)
        }
        let (changes, continuation) = AsyncThrowingStream.makeStream(
            of: RoomChange.self, bufferingPolicy: .bufferingNewest(Self.roomChangeBuffer))
        let forwarding = Task {
            do {
                for try await event in stream.events { continuation.yield(Self.roomChange(event)) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
            await stream.close()
        }
        continuation.onTermination = { _ in forwarding.cancel() }
        return changes
    }

    static func roomChange(_ event: Document) -> RoomChange {
        guard let roomID = event["fullDocument"]?.documentValue?["room_id"]?.stringValue else { return .unknownRoom }
        return .room(roomID)
    }
}
