import Hummingbird

/// An error the API answers with: `{"error": {"code": "<snake_case>", "message": "..."}}` and the code's status.
///
/// Stores report their failures as `MessageStoreError`, mapped to these in `MessageServiceError.mapping`.
public struct MessageServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        case invalidArgument = "invalid_argument"
        case notFound = "not_found"
        case methodNotAllowed = "method_not_allowed"
        case conflict
        case payloadTooLarge = "payload_too_large"
        case unsupportedMediaType = "unsupported_media_type"
        case unavailable
        /// The store has no room for new messages (a full disk); reads still work.
        case insufficientStorage = "insufficient_storage"
        case `internal`

        public var status: HTTPResponse.Status {
            switch self {
            case .invalidArgument: .badRequest
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .conflict: .conflict
            case .payloadTooLarge: .contentTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            case .unavailable: .serviceUnavailable
            case .insufficientStorage: HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
            case .internal: .internalServerError
            }
        }
    }

    public let code: Code
    public let message: String
    /// For 405: the methods the path accepts, sent as `Allow`.
    public let allowedMethods: [HTTPRequest.Method]
    /// For 503: when to try again, sent as `Retry-After`.
    public let retryAfterSeconds: Int?

    init(
        _ code: Code, _ message: String, allowedMethods: [HTTPRequest.Method] = [], retryAfterSeconds: Int? = nil
    ) {
        self.code = code
        self.message = message
        self.allowedMethods = allowedMethods
        self.retryAfterSeconds = retryAfterSeconds
    }

    public static func invalidArgument(_ message: String) -> Self { .init(.invalidArgument, message) }

    public static func notFound(_ message: String) -> Self { .init(.notFound, message) }

    public static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> Self {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return .init(.methodNotAllowed, "method \(method.rawValue) is not allowed here; allowed: \(list)", allowedMethods: allowed)
    }

    public static func conflict(_ message: String) -> Self { .init(.conflict, message) }

    /// The conflict a store reports when a client_id is reused in a room for a different sender or content.
    public static func payloadTooLarge(limit: Int) -> Self {
        .init(.payloadTooLarge, "request body is larger than \(limit) bytes")
    }

    public static func unsupportedMediaType(_ message: String) -> Self { .init(.unsupportedMediaType, message) }

    public static func unavailable(_ message: String, retryAfterSeconds: Int = 1) -> Self {
        .init(.unavailable, message, retryAfterSeconds: retryAfterSeconds)
    }

    /// Deliberately vague: the detail of an unexpected failure goes to the log, not to the client.
    public static let `internal` = Self(.internal, "internal error")

    public var description: String { "\(code.rawValue): \(message)" }
}

extension MessageServiceError: HTTPResponseError {
    public var status: HTTPResponse.Status { code.status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }

    /// The response itself, which needs nothing from the request.
    var response: Response {
        var error = JSONWriter()
        error.string("code", code.rawValue)
        error.string("message", message)
        var body = JSONWriter()
        body.object("error", error)
        var headers = HTTPFields()
        if !allowedMethods.isEmpty {
            headers[.allow] = allowedMethods.map(\.rawValue).joined(separator: ", ")
        }
        if let retryAfterSeconds {
            headers[.retryAfter] = String(retryAfterSeconds)
        }
        return JSONResponse.make(status, body, headers: headers)
    }
}
