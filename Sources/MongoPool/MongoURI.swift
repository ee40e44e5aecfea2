import CMongoC

/// A MongoDB connection string that libmongoc accepted, with what the client needs from it.
///
/// The string itself is kept private: `description`, `debugDescription`, `redacted`, reflection
/// (`dump`) and every error built from it show the password as `***`.
public struct MongoURI: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The connection string as given, password included. Only handed to libmongoc.
    let string: String
    let secrets: URISecrets

    /// The seed list as `host:port`, empty for `mongodb+srv://` (resolved when connecting).
    public let hosts: [String]
    /// The database named in the path (`mongodb://host/app`), or nil when there is none.
    public let database: String?
    public let username: String?
    public let hasPassword: Bool
    /// `appname`, when the string sets it.
    public let appName: String?
    /// `maxPoolSize`, when the string sets it.
    public let maxPoolSize: Int?
    /// `serverSelectionTimeoutMS`, when the string sets it.
    public let serverSelectionTimeout: Duration?
    /// `waitQueueTimeoutMS`, when the string sets it (libmongoc ignores it; this client honours it).
    public let waitQueueTimeout: Duration?
    /// Warnings libmongoc had about the string (unknown options...), already redacted.
    public let warnings: [String]

    /// Parses `string` with libmongoc. A string it rejects throws `.invalidURI`, saying why, with the
    /// string redacted.
    public init(_ string: String) throws(MongoError) {
        Mongoc.initialize()
        var error = bson_error_t()
        let (parsed, logged) = MongocLog.capturing {
            string.withCString { mongoc_uri_new_with_error($0, &error) }
        }
        guard let uri = parsed else {
            let secrets = URISecrets(string)
            // libmongoc's error is often generic ("Invalid host string in URI"); what it logged says which part.
            let details = logged.filter { $0 != error.messageString }
            let why = ([error.messageString] + (details.isEmpty ? [] : ["(\(details.joined(separator: "; ")))"]))
                .joined(separator: " ")
            throw MongoError(.invalidURI, secrets.scrub("invalid MongoDB URI \"\(secrets.redacted)\": \(why)"))
        }
        defer { mongoc_uri_destroy(uri) }

        let password = mongoc_uri_get_password(uri).map { String(cString: $0) }
        let textual = URISecrets(string, userInfoMayHavePassword: password != nil)
        let secrets = password.map { URISecrets(textual, alsoHiding: $0) } ?? textual
        let hosts = Self.hosts(of: uri)
        // libmongoc ends the user info at the first "@", so "user:p@ss@host" means password "p" and host
        // "ss@host": the rest of the password would then appear wherever the host does.
        guard !hosts.contains(where: { $0.contains("@") }) else {
            throw MongoError(.invalidURI, secrets.scrub(
                "invalid MongoDB URI \"\(secrets.redacted)\": an unescaped \"@\" in the user name or password "
                    + "(percent-encode it as %40)"))
        }
        self.string = string
        self.secrets = secrets
        self.hosts = hosts
        hasPassword = password != nil
        database = mongoc_uri_get_database(uri).map { String(cString: $0) }
        username = mongoc_uri_get_username(uri).map { String(cString: $0) }
        appName = mongoc_uri_get_appname(uri).map { String(cString: $0) }
        maxPoolSize = Self.intOption(uri, MONGOC_URI_MAXPOOLSIZE).map(Int.init)
        serverSelectionTimeout = Self.intOption(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS).map { .milliseconds($0) }
        waitQueueTimeout = Self.intOption(uri, MONGOC_URI_WAITQUEUETIMEOUTMS).map { .milliseconds($0) }
        warnings = logged.map(self.secrets.scrub)
    }

    /// The string with its password (and any password-like option) replaced by `***`.
    public var redacted: String { secrets.redacted }

    public var description: String { redacted }

    public var debugDescription: String { "MongoURI(\(redacted))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["redacted": redacted, "database": database as Any], displayStyle: .struct)
    }

    /// Replaces any secret in `text` (a message that may echo the string) with `***`.
    func scrub(_ text: String) -> String { secrets.scrub(text) }

    private static func hosts(of uri: OpaquePointer) -> [String] {
        var hosts: [String] = []
        var node = mongoc_uri_get_hosts(uri)
        while let host = node {
            hosts.append(withUnsafeBytes(of: host.pointee.host_and_port) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                return String(decoding: bytes[..<(bytes.firstIndex(of: 0) ?? bytes.count)], as: UTF8.self)
            })
            node = host.pointee.next.map { UnsafePointer($0) }
        }
        return hosts
    }

    /// A positive integer option, or nil when absent (libmongoc answers the fallback).
    private static func intOption(_ uri: OpaquePointer, _ name: String) -> Int32? {
        let value = mongoc_uri_get_option_as_int32(uri, name, -1)
        return value > 0 ? value : nil
    }
}
