import Hummingbird

extension MessageServiceError {
    /// The API error for anything thrown while serving a request, or nil when the error is unexpected
    /// (a bug or an unclassified store failure), which the caller answers with `.internal` and logs.
    static func mapping(_ error: any Error) -> MessageServiceError? {
        switch error {
        case let error as MessageServiceError: error
        case let error as MessageStoreError: mapping(error)
        case let error as MessageValidationError: .invalidArgument(error.description)
        case let error as RequestBodyError: .invalidArgument(error.description)
        case let error as QueryError: .invalidArgument(error.description)
        // Hummingbird's own errors (body limits, routing, decoding) keep their meaning in our shape.
        case let error as HTTPError: mapping(status: error.status, message: error.body)
        case let error as any HTTPResponseError: mapping(status: error.status, message: nil)
        default: nil
        }
    }

    /// The store's failures as the API answers them.
    static func mapping(_ error: MessageStoreError) -> MessageServiceError? {
        switch error {
        case .unavailable(let seconds): .unavailable(error.description, retryAfterSeconds: seconds)
        case .clientIDConflict, .messageDeleted: .conflict(error.description)
        case .contended: .unavailable(error.description, retryAfterSeconds: 1)
        case .full: .init(.insufficientStorage, error.description)
        // Not the client's doing: an internal error, logged with its detail by the caller.
        case .corruptDocument: nil
        }
    }

    private static func mapping(status: HTTPResponse.Status, message: String?) -> MessageServiceError? {
        let message = message ?? status.reasonPhrase
        switch status {
        case .notFound: return .notFound(message)
        case .conflict: return .conflict(message)
        case .contentTooLarge: return .init(.payloadTooLarge, message)
        case .unsupportedMediaType: return .unsupportedMediaType(message)
        case .serviceUnavailable: return .unavailable(message)
        default:
            // The contract has no other client-error codes: any other 4xx is a bad request.
            return status.kind == .clientError ? .invalidArgument(message) : nil
        }
    }
}
