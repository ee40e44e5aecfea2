import BSON
import CMongoC

/// An error from the MongoDB client, typed the way libmongoc reports it: a `domain` and a `code` (see
/// mongoc-error.h; with error API 2, failures the server reports use `MONGOC_ERROR_SERVER` and the server's
/// own code), a message, and the server's reply when there was one.
///
/// Failures this module detects itself (a bad URI, a closed client, a full pool) use
/// `MongoError.clientDomain` with a `ClientCode`. Messages show a URI only in its redacted form.
public struct MongoError: Error, Sendable, Equatable, CustomStringConvertible {
    public let domain: UInt32
    public let code: UInt32
    public let message: String
    /// The server's reply, when the failure came with one (command errors, write errors).
    public let reply: Document?

    public init(domain: UInt32, code: UInt32, message: String, reply: Document? = nil) {
        self.domain = domain
        self.code = code
        self.message = message
        self.reply = reply
    }

    /// The domain of errors raised by this module rather than by libmongoc or the server. It is far above
    /// libmongoc's own domains, which are small consecutive numbers.
    public static let clientDomain: UInt32 = 10_000

    /// What this module itself found wrong (codes in `clientDomain`).
    public enum ClientCode: UInt32, Sendable {
        /// The connection string could not be parsed.
        case invalidURI = 1
        /// A client setting is out of range (pool size, timeouts, app name).
        case invalidSettings
        /// An operation's arguments cannot be sent (for example a namespace with an empty name).
        case invalidArgument
        /// No pooled connection became free within the configured wait-queue timeout.
        case poolExhausted
        /// The client is closing or closed.
        case clientClosed
        /// The calling task was cancelled before the operation started.
        case cancelled
        /// Every connection reserved for change streams is held by an open one.
        case tooManyChangeStreams
    }

    init(_ clientCode: ClientCode, _ message: String) {
        self.init(domain: Self.clientDomain, code: clientCode.rawValue, message: message)
    }

    /// The module-side reason, when the error is not from libmongoc or the server.
    public var clientCode: ClientCode? {
        domain == Self.clientDomain ? ClientCode(rawValue: code) : nil
    }

    /// Server error codes meaning a unique index rejected the write.
    static let duplicateKeyCodes: Set<Int64> = [11000, 11001, 12582]

    /// A unique index rejected the write: the error itself, or any entry of the reply's `writeErrors`
    /// (an unordered insertMany reports every failure there).
    public var isDuplicateKey: Bool {
        reports(anyOf: Self.duplicateKeyCodes)
    }

    /// Whether the server answered with one of `codes`, as the error itself or in an entry of the reply's
    /// `writeErrors`.
    private func reports(anyOf codes: Set<Int64>) -> Bool {
        if domain != Self.clientDomain && codes.contains(Int64(code)) { return true }
        let writeErrors = reply?["writeErrors"]?.arrayValue ?? []
        return writeErrors.contains { entry in
            guard let code = entry.documentValue?["code"]?.integerValue else { return false }
            return codes.contains(code)
        }
    }

    /// The server could not store the write for lack of disk space (MongoDB's OutOfDiskSpace, 14031),
    /// as the error itself or as an entry of the reply's `writeErrors`.
    public var isOutOfDiskSpace: Bool { reports(anyOf: [14031]) }

    /// No server matched within the server-selection timeout (nothing listening, wrong host, no primary).
    public var isNoServerAvailable: Bool {
        domain == MONGOC_ERROR_SERVER_SELECTION.rawValue
    }

    /// Every pooled connection stayed busy for longer than the wait-queue timeout.
    public var isPoolExhausted: Bool { clientCode == .poolExhausted }

    /// The connection to the server failed mid-operation (reset, closed, timed out): the server went away.
    public var isConnectionFailure: Bool { domain == MONGOC_ERROR_STREAM.rawValue }

    /// The deployment offers no change streams (a standalone server: "only supported on replica sets").
    public var isChangeStreamUnsupported: Bool {
        domain == MONGOC_ERROR_SERVER.rawValue && code == 40573
    }

    /// The client was closed (or was closing) when the operation was asked for.
    public var isClientClosed: Bool { clientCode == .clientClosed }

    public var description: String {
        "MongoError(domain: \(domain), code: \(code)): \(message)"
    }
}
