import BSON
import EngineQuery

/// `renameCollection` (admin only): `{renameCollection: "db.a", to: "db.b", dropTarget?}`, within a
/// database or across databases.
enum RenameCollectionCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let fields = context.fields
        try WriteConcernCheck.validate(fields)
        guard let sourceName = try fields.string("renameCollection") else {
            throw EngineError(.missingRequiredField, "BSON field 'renameCollection.renameCollection' is missing but a required field")
        }
        guard let targetName = try fields.string("to") else {
            throw EngineError(.missingRequiredField, "BSON field 'renameCollection.to' is missing but a required field")
        }
        let dropTarget = try fields.bool("dropTarget") ?? false
        _ = try fields.bool("stayTemp")
        let source = try namespace(sourceName, role: "source")
        let target = try namespace(targetName, role: "target")
        try NamespaceRules.validate(target)
        guard source != target else { throw EngineError(.illegalOperation, "Can't rename a collection to itself") }
        try await context.engine.store.write { writer in
            try writer.renameCollection(source, to: target, dropTarget: dropTarget)
        }
        return ["ok": 1.0]
    }

    /// `db.collection`, split at the first dot as MongoDB splits namespaces.
    static func namespace(_ full: String, role: String) throws(EngineError) -> CollectionNamespace {
        guard let dot = full.firstIndex(of: "."), dot != full.startIndex, full.index(after: dot) != full.endIndex else {
            throw EngineError(.invalidNamespace, "Invalid \(role) namespace: \(full)")
        }
        return CollectionNamespace(database: String(full[..<dot]), collection: String(full[full.index(after: dot)...]))
    }
}
