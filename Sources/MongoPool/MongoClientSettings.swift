import CMongoC

/// How to build a `MongoClient`. Each setting left nil falls back to the URI, then to a default.
public struct MongoClientSettings: Sendable {
    public var uri: MongoURI
    /// Sent to the server in the handshake (shows in its logs and `currentOp`).
    public var appName: String?
    /// How many connections the pool holds, and so how many operations run at once.
    public var poolSize: Int?
    /// How long an operation looks for a suitable server before failing with "no server available".
    public var serverSelectionTimeout: Duration?
    /// How long an operation may wait for a free pooled connection before failing with `.poolExhausted`.
    /// Nil (and no `waitQueueTimeoutMS` in the URI) waits as long as it takes.
    public var waitQueueTimeout: Duration?

    public static let defaultAppName = "msgsvc"
    public static let defaultPoolSize = 16
    /// Shorter than libmongoc's 30 s: a service should report an unreachable database quickly.
    public static let defaultServerSelectionTimeout: Duration = .seconds(5)
    /// Each pooled connection gets its own thread, so this is also a bound on threads.
    public static let poolSizeLimit = 1_000

    public init(
        uri: MongoURI, appName: String? = nil, poolSize: Int? = nil,
        serverSelectionTimeout: Duration? = nil, waitQueueTimeout: Duration? = nil
    ) {
        self.uri = uri
        self.appName = appName
        self.poolSize = poolSize
        self.serverSelectionTimeout = serverSelectionTimeout
        self.waitQueueTimeout = waitQueueTimeout
    }

    /// The settings with every fallback applied and checked.
    func resolved() throws(MongoError) -> ResolvedSettings {
        let poolSize = poolSize ?? uri.maxPoolSize ?? Self.defaultPoolSize
        guard (1...Self.poolSizeLimit).contains(poolSize) else {
            throw MongoError(.invalidSettings, "pool size \(poolSize) is not between 1 and \(Self.poolSizeLimit)")
        }
        let selection = serverSelectionTimeout ?? uri.serverSelectionTimeout ?? Self.defaultServerSelectionTimeout
        guard let selectionMS = Self.milliseconds(selection) else {
            throw MongoError(.invalidSettings, "server selection timeout \(selection) is not between 1 ms and \(Int32.max) ms")
        }
        let waitQueue = waitQueueTimeout ?? uri.waitQueueTimeout
        if let waitQueue, waitQueue <= .zero {
            throw MongoError(.invalidSettings, "wait queue timeout \(waitQueue) is not positive")
        }
        let appName = appName ?? uri.appName ?? Self.defaultAppName
        let appNameLimit = Int(MONGOC_HANDSHAKE_APPNAME_MAX)
        guard !appName.isEmpty, appName.utf8.count <= appNameLimit, !appName.utf8.contains(0) else {
            throw MongoError(
                .invalidSettings, "app name \(appName.debugDescription) must be 1 to \(appNameLimit) bytes without NUL")
        }
        return ResolvedSettings(
            poolSize: poolSize, appName: appName, serverSelectionTimeoutMS: selectionMS, waitQueueTimeout: waitQueue)
    }

    private static func milliseconds(_ duration: Duration) -> Int32? {
        guard let total = duration.wholeMilliseconds, total >= 1, total <= Int64(Int32.max) else { return nil }
        return Int32(total)
    }
}

/// Settings with fallbacks applied, as the client uses them.
struct ResolvedSettings: Sendable, Equatable {
    let poolSize: Int
    let appName: String
    let serverSelectionTimeoutMS: Int32
    let waitQueueTimeout: Duration?
}
