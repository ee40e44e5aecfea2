import BSON
import CMongoC

/// `mongoc_client_command_with_opts`: the command as given, on the primary. Neither read nor write
/// concern is added; put them in the command when it needs them.
struct RunCommand: MongoOperation {
    let command: Document
    let database: String

    func run(on client: OpaquePointer) throws(MongoError) -> Document {
        try Namespace.checkName(database, "database")
        let reply = ReplyStorage()
        var error = bson_error_t()
        let ok = command.withBSONPointer { command in
            mongoc_client_command_with_opts(client, database, command, nil, nil, reply.pointer, &error)
        }
        guard ok else { throw MongoError(error, reply: reply.take()) }
        return reply.take()
    }
}
