import Foundation
import Hummingbird
import NIOCore
import Testing
@testable import MessageService

@Suite struct ErrorMappingTests {
    @Test(arguments: [
        (MessageServiceError.Code.invalidArgument, "invalid_argument", HTTPResponse.Status.badRequest),
        (.notFound, "not_found", .notFound),
        (.methodNotAllowed, "method_not_allowed", .methodNotAllowed),
        (.conflict, "conflict", .conflict),
        (.payloadTooLarge, "payload_too_large", .contentTooLarge),
        (.unsupportedMediaType, "unsupported_media_type", .unsupportedMediaType),
        (.unavailable, "unavailable", .serviceUnavailable),
        (.insufficientStorage, "insufficient_storage", HTTPResponse.Status(code: 507)),
        (.internal, "internal", .internalServerError),
    ])
    func everyCodeHasItsStatus(_ code: MessageServiceError.Code, _ name: String, _ status: HTTPResponse.Status) {
        #expect(code.rawValue == name)
        #expect(code.status == status)
    }

    @Test func everyCodeIsCovered() {
        #expect(MessageServiceError.Code.allCases.count == 9)
    }

    @Test(arguments: [
        (MessageServiceError.invalidArgument("limit must be between 1 and 1000"), HTTPResponse.Status.badRequest),
        (.notFound("room \"a\" has no message 0"), .notFound),
        (.methodNotAllowed(.put, allowed: [.get, .post]), .methodNotAllowed),
        (.payloadTooLarge(limit: 1_048_576), .contentTooLarge),
        (.unsupportedMediaType("Content-Type must be application/json"), .unsupportedMediaType),
        (.unavailable("database unreachable"), .serviceUnavailable),
        (.internal, .internalServerError),
    ])
    func responseHasTheContractShape(_ error: MessageServiceError, _ status: HTTPResponse.Status) async throws {
        let response = error.response
        #expect(response.status == status)
        #expect(error.status == status)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        let body = try await response.body.collected()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: [String: String]])
        #expect(object == ["error": ["code": error.code.rawValue, "message": error.message]])
    }

    @Test func methodNotAllowedCarriesAllow() {
        let error = MessageServiceError.methodNotAllowed(.delete, allowed: [.get, .post, .head])
        #expect(error.response.headers[.allow] == "GET, POST, HEAD")
        #expect(error.message.contains("DELETE"))
        #expect(MessageServiceError.notFound("x").response.headers[.allow] == nil)
    }

    @Test func unavailableCarriesRetryAfter() {
        #expect(MessageServiceError.unavailable("down").response.headers[.retryAfter] == "1")
        #expect(MessageServiceError.unavailable("down", retryAfterSeconds: 5).response.headers[.retryAfter] == "5")
        #expect(MessageServiceError.conflict("x").response.headers[.retryAfter] == nil)
    }

    @Test func internalSaysNothingSpecific() {
        #expect(MessageServiceError.internal.message == "internal error")
    }

    @Test func mapsInputErrorsToInvalidArgument() {
        let validation = MessageValidationError(.sender, .blank)
        #expect(MessageServiceError.mapping(validation) == .invalidArgument("sender must not be blank"))
        let body = RequestBodyError.missingField("content")
        #expect(MessageServiceError.mapping(body) == .invalidArgument("content is required"))
        let query = QueryError.repeatedParameter("limit")
        #expect(MessageServiceError.mapping(query) == .invalidArgument(query.description))
    }

    @Test func keepsItsOwnErrors() {
        let conflict = MessageServiceError.conflict("c")
        #expect(MessageServiceError.mapping(conflict) == conflict)
    }

    /// The store's errors become the API's in this one place; a corrupt document is nobody's input error.
    @Test(arguments: [
        (MessageStoreError.unavailable(retryAfterSeconds: 2), HTTPResponse.Status.serviceUnavailable),
        (.clientIDConflict(clientID: "c-1"), .conflict),
        (.full, HTTPResponse.Status(code: 507)),
    ])
    func mapsStoreErrors(_ error: MessageStoreError, _ status: HTTPResponse.Status) {
        let mapped = MessageServiceError.mapping(error)
        #expect(mapped?.status == status)
        #expect(mapped?.message == error.description)
    }

    @Test func corruptStoredDocumentIsInternal() {
        #expect(MessageServiceError.mapping(MessageStoreError.corruptDocument(detail: "keys []")) == nil)
    }

    @Test func mapsHummingbirdErrorsByStatus() {
        #expect(MessageServiceError.mapping(HTTPError(.notFound))?.code == .notFound)
        #expect(MessageServiceError.mapping(HTTPError(.contentTooLarge))?.code == .payloadTooLarge)
        #expect(MessageServiceError.mapping(HTTPError(.unsupportedMediaType))?.code == .unsupportedMediaType)
        #expect(MessageServiceError.mapping(HTTPError(.serviceUnavailable))?.code == .unavailable)
        #expect(MessageServiceError.mapping(HTTPError(.conflict))?.code == .conflict)
        #expect(MessageServiceError.mapping(HTTPError(.badRequest, message: "bad thing")) == .invalidArgument("bad thing"))
        #expect(MessageServiceError.mapping(HTTPError(.unprocessableContent))?.code == .invalidArgument)
        #expect(MessageServiceError.mapping(NIOTooManyBytesError(maxBytes: 10))?.code == .payloadTooLarge)
    }

    @Test func leavesUnexpectedErrorsUnmapped() {
        struct Surprise: Error {}
        #expect(MessageServiceError.mapping(Surprise()) == nil)
        #expect(MessageServiceError.mapping(HTTPError(.internalServerError)) == nil)
        #expect(MessageServiceError.mapping(CancellationError()) == nil)
    }
}

extension ResponseBody {
    /// The bytes the body writes.
    func collected() async throws -> [UInt8] {
        let collector = Collector()
        try await write(collector)
        return collector.bytes
    }
}

/// Receives a response body in memory; used from one task at a time.
private final class Collector: ResponseBodyWriter, @unchecked Sendable {
    var bytes: [UInt8] = []
    func write(_ buffer: ByteBuffer) async throws { bytes.append(contentsOf: buffer.readableBytesView) }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
