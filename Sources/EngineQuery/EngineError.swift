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

    // The errors thrown from many places, by name.
    public static func internalError(_ message: String) -> EngineError { EngineError(.internalError, message) }
    public static func outOfDiskSpace(_ message: String) -> EngineError { EngineError(.outOfDiskSpace, message) }
    public static func badValue(_ message: String) -> EngineError { EngineError(.badValue, message) }
    public static func failedToParse(_ message: String) -> EngineError { EngineError(.failedToParse, message) }
    public static func typeMismatch(_ message: String) -> EngineError { EngineError(.typeMismatch, message) }
    public static func illegalOperation(_ message: String) -> EngineError { EngineError(.illegalOperation, message) }
    public static func namespaceNotFound(_ message: String) -> EngineError { EngineError(.namespaceNotFound, message) }
    public static func indexNotFound(_ message: String) -> EngineError { EngineError(.indexNotFound, message) }
    public static func cursorNotFound(_ message: String) -> EngineError { EngineError(.cursorNotFound, message) }
    public static func commandNotFound(_ message: String) -> EngineError { EngineError(.commandNotFound, message) }
    public static func cannotCreateIndex(_ message: String) -> EngineError { EngineError(.cannotCreateIndex, message) }
    public static func invalidOptions(_ message: String) -> EngineError { EngineError(.invalidOptions, message) }
    public static func invalidNamespace(_ message: String) -> EngineError { EngineError(.invalidNamespace, message) }
    public static func indexOptionsConflict(_ message: String) -> EngineError {
        EngineError(.indexOptionsConflict, message)
    }
    public static func indexKeySpecsConflict(_ message: String) -> EngineError {
        EngineError(.indexKeySpecsConflict, message)
    }
    public static func cannotIndexParallelArrays(_ message: String) -> EngineError {
        EngineError(.cannotIndexParallelArrays, message)
    }
    public static func bsonObjectTooLarge(_ message: String) -> EngineError { EngineError(.bsonObjectTooLarge, message) }
    public static func duplicateKey(_ message: String) -> EngineError { EngineError(.duplicateKey, message) }
}
