import BSON
import EngineQuery

/// `getMore`: the next batch of an open cursor. Index-ordered cursors resume after the last entry they
/// returned, so documents committed meanwhile ahead of that point are seen, as MongoDB's do.
enum GetMoreCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        guard case .int64(let id)? = context.body["getMore"] else {
            let value = context.body["getMore"] ?? .null
            throw EngineError(.typeMismatch, 
                "BSON field 'getMore.getMore' is the wrong type '\(value.typeName)', expected type 'long'")
        }
        guard let collection = try context.fields.string("collection") else {
            throw EngineError(.missingRequiredField, "BSON field 'getMore.collection' is missing but a required field")
        }
        let namespace = CollectionNamespace(database: context.database, collection: collection)
        let batchSize = try context.fields.count("batchSize").flatMap { $0 == 0 ? nil : $0 }
        let cursors = context.engine.cursors
        let entry = try cursors.checkOut(id, namespace: namespace)
        do {
            let batch = try await context.engine.store.read { connection, catalog in
                try QueryRunner.nextBatch(entry.source, batchSize: batchSize, connection: connection, catalog: catalog)
            }
            var replyID: Int64 = 0
            if let next = batch.next {
                cursors.checkIn(id, source: next)
                replyID = id
            } else {
                cursors.finish(id)
            }
            return CursorReply.make(batch.documents, id: replyID, namespace: namespace.description, first: false)
        } catch {
            cursors.finish(id)
            throw error
        }
    }
}

/// `killCursors`: closes cursors by id and reports which existed.
enum KillCursorsCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        _ = try context.collectionNamespace()
        guard let items = try context.fields.array("cursors") else {
            throw EngineError(.missingRequiredField, "BSON field 'killCursors.cursors' is missing but a required field")
        }
        var ids: [Int64] = []
        for item in items {
            guard case .int64(let id) = item else {
                throw EngineError(.typeMismatch, 
                    "BSON field 'killCursors.cursors' is the wrong type '\(item.typeName)', expected type 'long'")
            }
            ids.append(id)
        }
        let (killed, notFound) = context.engine.cursors.kill(ids)
        return [
            "cursorsKilled": .array(killed.map(BSONValue.int64)),
            "cursorsNotFound": .array(notFound.map(BSONValue.int64)),
            "cursorsAlive": [], "cursorsUnknown": [], "ok": 1.0,
        ]
    }
}
