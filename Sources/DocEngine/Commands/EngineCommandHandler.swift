import BSON
import EngineQuery
import Logging
import NIOCore
import WireProtocol

/// Routes a command to its handler and turns every failure into MongoDB's error reply
/// (`{ok: 0, errmsg, code, codeName}`); nothing a client sends can make it throw or crash.
final class EngineCommandHandler: CommandHandler {
    let engine: CommandEnvironment

    init(engine: CommandEnvironment) { self.engine = engine }

    /// Every command is counted (opcounters) and listed by currentOp while it runs; an error reply is
    /// counted in serverStatus's asserts.
    func handle(_ request: CommandRequest) async -> Document {
        let command = request.body.keys.first ?? ""
        engine.metrics?.countCommand(command)
        let opid = engine.activity.begin(
            command: command, body: request.body, sequences: request.sequences,
            database: request.database ?? "", connectionID: request.connectionID)
        let reply = await answer(request)
        let failed = reply["ok"]?.doubleValue == 0
        engine.activity.finish(opid, errorCode: failed ? reply["code"]?.integerValue ?? 0 : nil)
        return reply
    }

    private func answer(_ request: CommandRequest) async -> Document {
        guard let name = request.body.keys.first else {
            return EngineError(.commandNotFound, "no such command: ''").asReply()
        }
        // Before the registry: commitTransaction/abortTransaction are refused as a standalone mongod
        // refuses them, not reported as unknown commands.
        if let refusal = TransactionRefusal.refusal(command: name, body: request.body) {
            return refusal.asReply()
        }
        if let refusal = CommandRefusal.refusal(command: name) { return refusal.asReply() }
        guard let handler = CommandRegistry.handlers[name] else {
            return EngineError(.commandNotFound, "no such command: '\(name)'").asReply()
        }
        guard let database = request.database else {
            return EngineError(.missingDatabase, "OP_MSG requests require a $db argument").asReply()
        }
        let context = CommandContext(
            name: name, body: request.body, sequences: request.sequences, database: database,
            connectionID: request.connectionID, isLegacyOpQuery: request.isLegacyOpQuery, engine: engine)
        do {
            try NamespaceRules.validateDatabase(database)
            try AdminOnly.check(command: name, database: database)
            return try await handler(context)
        } catch let error as EngineError {
            return error.asReply()
        } catch let error as DuplicateKeyError {
            return error.commandReply
        } catch let error as WriterError where error.isOutOfSpace {
            return EngineError(.outOfDiskSpace, "\(name) failed: the engine's disk is full (\(error))").asReply()
        } catch let error as SQLiteError where error.isFull {
            return EngineError(.outOfDiskSpace, "\(name) failed: the engine's disk is full (\(error))").asReply()
        } catch let error as WriterError {
            // InternalError (1), not NotWritablePrimary (10107): that makes drivers mark the server Unknown and
            // rediscover it after every write, disturbing reads that still work. Not retryable, so nothing
            // retries into a halted writer. The writer has logged the cause once; no log per command.
            return EngineError(.internalError, error.description).asReply()
        } catch let error as BSONError {
            return EngineError(.badValue, "\(error)").asReply()
        } catch {
            engine.logger.error("command failed", metadata: ["command": "\(name)", "error": "\(error)"])
            return EngineError(.internalError, "\(name) failed: \(error)").asReply()
        }
    }

    func connectionOpened(_ connectionID: Int, remoteAddress: SocketAddress?) async {
        engine.activity.connectionOpened(connectionID, remoteAddress: remoteAddress)
    }

    func connectionClosed(_ connectionID: Int) async { engine.activity.connectionClosed(connectionID) }
}
