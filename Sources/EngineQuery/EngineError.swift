import BSON

/// An error the engine reports to a client, carrying MongoDB's numeric code and code name so drivers
/// can react to it exactly as they would to a real server's.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32
    public let codeName: String
    public let message: String

    public init(code: Int32, codeName: String, message: String) {
        self.code = code
        self.codeName = codeName
        self.message = message
    }

    /// The `{ok: 0, errmsg, code, codeName}` reply a command returns for this error.
    public func asReply() -> Document {
        [
            "ok": .double(0),
            "errmsg": .string(message),
            "code": .int32(code),
            "codeName": .string(codeName),
        ]
    }

    public var description: String { "\(codeName) (\(code)): \(message)" }
}

extension EngineError {
    /// An error with one of MongoDB's codes from the table (`MongoErrorCode`).
    public init(_ code: MongoErrorCode, _ message: String) {
        self.init(code: code.rawValue, codeName: code.codeName, message: message)
    }
}
