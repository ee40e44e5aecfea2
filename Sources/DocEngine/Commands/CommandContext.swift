import BSON
import EngineQuery

/// One command as a handler sees it: the body, any document sequences, the target database.
struct CommandContext: Sendable {
    let name: String
    let body: Document
    let sequences: [String: [Document]]
    let database: String
    let connectionID: Int
    let isLegacyOpQuery: Bool
    let engine: CommandEnvironment

    var fields: CommandFields { CommandFields(command: name, body: body) }

    /// The collection named by the command's first field (`{find: "messages", …}`).
    func collectionNamespace() throws(EngineError) -> CollectionNamespace {
        guard let value = body[name] else { throw EngineError(.invalidNamespace, "collection name missing") }
        guard case .string(let collection) = value else {
            throw EngineError(.invalidNamespace, "collection name has invalid type \(value.typeName)")
        }
        let namespace = CollectionNamespace(database: database, collection: collection)
        guard !collection.isEmpty else { throw EngineError(.invalidNamespace, "Invalid namespace specified '\(namespace)'") }
        return namespace
    }
}
