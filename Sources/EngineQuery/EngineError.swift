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
    public static func internalError(_ message: String) -> EngineError {
        EngineError(code: 1, codeName: "InternalError", message: message)
    }
    /// MongoDB's "UnknownError" shares code 1's slot in spirit; the engine reports internal failures as
    /// InternalError, which drivers treat the same way.
    public static func unknownError(_ message: String) -> EngineError { internalError(message) }
    /// MongoDB's answer when a write cannot be stored for lack of disk space.
    public static func outOfDiskSpace(_ message: String) -> EngineError {
        EngineError(code: 14031, codeName: "OutOfDiskSpace", message: message)
    }

    public static func badValue(_ message: String) -> EngineError {
        EngineError(code: 2, codeName: "BadValue", message: message)
    }
    public static func noSuchKey(_ message: String) -> EngineError {
        EngineError(code: 4, codeName: "NoSuchKey", message: message)
    }
    public static func failedToParse(_ message: String) -> EngineError {
        EngineError(code: 9, codeName: "FailedToParse", message: message)
    }
    public static func typeMismatch(_ message: String) -> EngineError {
        EngineError(code: 14, codeName: "TypeMismatch", message: message)
    }
    public static func illegalOperation(_ message: String) -> EngineError {
        EngineError(code: 20, codeName: "IllegalOperation", message: message)
    }
    public static func namespaceNotFound(_ message: String) -> EngineError {
        EngineError(code: 26, codeName: "NamespaceNotFound", message: message)
    }
    public static func indexNotFound(_ message: String) -> EngineError {
        EngineError(code: 27, codeName: "IndexNotFound", message: message)
    }
    public static func cursorNotFound(_ message: String) -> EngineError {
        EngineError(code: 43, codeName: "CursorNotFound", message: message)
    }
    public static func commandNotFound(_ message: String) -> EngineError {
        EngineError(code: 59, codeName: "CommandNotFound", message: message)
    }
    public static func cannotCreateIndex(_ message: String) -> EngineError {
        EngineError(code: 67, codeName: "CannotCreateIndex", message: message)
    }
    public static func invalidOptions(_ message: String) -> EngineError {
        EngineError(code: 72, codeName: "InvalidOptions", message: message)
    }
    public static func invalidNamespace(_ message: String) -> EngineError {
        EngineError(code: 73, codeName: "InvalidNamespace", message: message)
    }
    public static func indexOptionsConflict(_ message: String) -> EngineError {
        EngineError(code: 85, codeName: "IndexOptionsConflict", message: message)
    }
    public static func indexKeySpecsConflict(_ message: String) -> EngineError {
        EngineError(code: 86, codeName: "IndexKeySpecsConflict", message: message)
    }
    public static func cannotIndexParallelArrays(_ message: String) -> EngineError {
        EngineError(code: 171, codeName: "CannotIndexParallelArrays", message: message)
    }
    public static func bsonObjectTooLarge(_ message: String) -> EngineError {
        EngineError(code: 10334, codeName: "BSONObjectTooLarge", message: message)
    }
    public static func duplicateKey(_ message: String) -> EngineError {
        EngineError(code: 11000, codeName: "DuplicateKey", message: message)
    }
    /// Errors MongoDB raises with a bare assertion number; their code name is "Location<code>".
    public static func location(_ code: Int32, _ message: String) -> EngineError {
        EngineError(code: code, codeName: "Location\(code)", message: message)
    }
}
