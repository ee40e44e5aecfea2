import BSON

/// How the engine was started, as `getCmdLineOpts` and `serverStatus` report it.
struct LaunchOptions: Sendable {
    var arguments: [String] = CommandLine.arguments
    var host: String = "127.0.0.1"
    var port: Int?
    var unixSocketPath: String?
    var dataDirectory: String = ""
    var maxConnections: Int = 1000

    /// The options in mongod's configuration-file shape (`net`, `storage`), as `parsed` shows them.
    var parsed: Document {
        var net: Document = ["bindIp": .string(host), "maxIncomingConnections": .int32(Int32(clamping: maxConnections))]
        if let port { net.append("port", .int32(Int32(clamping: port))) }
        if let unixSocketPath { net.append("unixDomainSocket", ["enabled": true, "pathPrefix": .string(unixSocketPath)]) }
        return ["net": .document(net), "storage": ["dbPath": .string(dataDirectory), "engine": "sqlite"]]
    }
}
