import BSON
import Foundation

/// `serverStatus`: identity, uptime, connections, opcounters and memory, all measured, none invented.
/// Sections mongod has and this engine does not measure (locks, wiredTiger, repl…) are left out.
enum ServerStatusCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let activity = context.engine.activity
        let launch = context.engine.launch
        let uptime = ContinuousClock.now - activity.startedInstant
        let uptimeMillis = uptime.components.seconds * 1000 + uptime.components.attoseconds / 1_000_000_000_000_000
        let connections = activity.connections
        var reply: Document = [
            "host": .string(hostAndPort(context)),
            "version": .string(EngineVersion.string),
            // mongod, not mongos: tools read this field to tell a shard router from a data server.
            "process": "mongod",
            "pid": .int64(Int64(ProcessInfo.processInfo.processIdentifier)),
            "uptime": .double(Double(uptimeMillis) / 1000),
            "uptimeMillis": .int64(uptimeMillis),
            "uptimeEstimate": .int64(uptimeMillis / 1000),
            "localTime": .datetime(Int64(Date().timeIntervalSince1970 * 1000)),
            "connections": [
                "current": .int32(Int32(clamping: connections.current)),
                "available": .int32(Int32(clamping: max(0, launch.maxConnections - connections.current))),
                "totalCreated": .int64(connections.totalCreated),
                "active": .int32(Int32(clamping: connections.active)),
            ],
            "opcounters": .document(activity.opcounters.document),
            "asserts": .document(activity.asserts.document),
        ]
        if let memory = ProcessMemory.current() {
            reply.append("mem", ["bits": 64, "resident": .int64(memory.residentMiB),
                                 "virtual": .int64(memory.virtualMiB), "supported": true])
        } else {
            reply.append("mem", ["bits": 64, "supported": false])
        }
        reply.append("storageEngine", ["name": "sqlite", "supportsCommittedReads": true, "persistent": true,
                                       "readOnly": false])
        reply.append("ok", 1.0)
        return reply
    }

    /// `hostname:port` as mongod reports it (the port left out for the default 27017 and for a Unix socket only).
    static func hostAndPort(_ context: CommandContext) -> String {
        let name = ProcessInfo.processInfo.hostName
        guard let port = context.engine.activity.listeningPort, port != 27017 else { return name }
        return "\(name):\(port)"
    }
}
