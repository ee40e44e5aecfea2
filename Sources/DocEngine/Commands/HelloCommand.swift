import BSON
import Foundation
import WireProtocol

/// The handshake. The engine presents itself as a standalone MongoDB 6.0 (wire version 17): that is the
/// release whose command behaviour it implements, and the newest libmongoc 1.23 fully supports.
enum HelloCommand {
    static let minWireVersion: Int32 = 0
    static let maxWireVersion: Int32 = 17
    static let maxBsonObjectSize = Int32(Document.maximumSize)
    static let maxMessageSizeBytes = Int32(WireMessage.defaultMaxMessageSize)
    static let maxWriteBatchSize: Int32 = 100_000

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        var reply = Document()
        // `hello` answers isWritablePrimary; the legacy isMaster spelling answers ismaster.
        reply.append(context.name == "hello" ? "isWritablePrimary" : "ismaster", true)
        reply.append("helloOk", true)
        reply.append("maxBsonObjectSize", .int32(maxBsonObjectSize))
        reply.append("maxMessageSizeBytes", .int32(maxMessageSizeBytes))
        reply.append("maxWriteBatchSize", .int32(maxWriteBatchSize))
        reply.append("localTime", .datetime(Int64(Date().timeIntervalSince1970 * 1000)))
        reply.append("logicalSessionTimeoutMinutes", 30)
        reply.append("connectionId", .int32(Int32(truncatingIfNeeded: context.connectionID)))
        reply.append("minWireVersion", .int32(minWireVersion))
        reply.append("maxWireVersion", .int32(maxWireVersion))
        reply.append("readOnly", false)
        reply.append("ok", 1.0)
        return reply
    }
}

/// `buildInfo`: the version drivers read to pick features.
enum BuildInfoCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        [
            "version": .string(EngineVersion.string), "gitVersion": "msgsvc-docengine",
            "versionArray": [.int32(Int32(EngineVersion.major)), .int32(Int32(EngineVersion.minor)),
                             .int32(Int32(EngineVersion.patch)), 0],
            "modules": [], "allocator": "system", "javascriptEngine": "none", "sysInfo": "deprecated",
            "bits": 64, "debug": false,
            "maxBsonObjectSize": .int32(HelloCommand.maxBsonObjectSize),
            "storageEngines": ["sqlite"], "ok": 1.0,
        ]
    }
}
