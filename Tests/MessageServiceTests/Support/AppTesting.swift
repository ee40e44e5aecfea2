import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import MessageService

/// Builds the application exactly as production does, on a free port for live tests.
func makeApp(
    store: some MessageStore = InMemoryMessageStore(), configuration: ServiceConfiguration = .init(port: 0),
    logger: Logger? = nil, metrics: ServiceMetrics = .isolated()
) -> some ApplicationProtocol {
    var quiet = Logger(label: "MessageServiceTests")
    quiet.logLevel = .critical
    return buildApplication(store: store, configuration: configuration, logger: logger ?? quiet, metrics: metrics)
}

extension TestClientProtocol {
    /// POSTs `body` as given (no re-encoding), labelled `contentType` when not nil.
    func post(_ uri: String, body: String?, contentType: String? = "application/json") async throws -> TestResponse {
        try await post(uri, bytes: body.map { Array($0.utf8) }, contentType: contentType)
    }

    func post(_ uri: String, bytes: [UInt8]?, contentType: String? = "application/json") async throws -> TestResponse {
        var headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
        return try await execute(uri: uri, method: .post, headers: headers, body: bytes.map { ByteBuffer(bytes: $0) })
    }

    /// POSTs a well-formed message and returns the stored message object.
    @discardableResult
    func postMessage(
        room: String = "lobby", sender: String = "alice", content: String = "hello", clientID: String? = nil
    ) async throws -> [String: Any] {
        var fields: [String: Any] = ["sender": sender, "content": content]
        if let clientID { fields["client_id"] = clientID }
        let body = try JSONSerialization.data(withJSONObject: fields)
        let response = try await post("/rooms/\(room)/messages", bytes: Array(body))
        #expect(response.status == .created, "\(response.bodyText)")
        return try response.jsonObject()
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get)
    }
}

extension TestResponse {
    var bodyText: String { String(decoding: body.readableBytesView, as: UTF8.self) }

    func jsonObject(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: [.fragmentsAllowed])
        return try #require(value as? [String: Any], "not a JSON object: \(bodyText)", sourceLocation: sourceLocation)
    }

    /// Checks the contract's error shape exactly: `{"error": {"code": ..., "message": non-empty}}`, JSON content type.
    func expectError(
        _ status: HTTPResponse.Status, _ code: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(self.status == status, "\(bodyText)", sourceLocation: sourceLocation)
        #expect(headers[.contentType] == "application/json; charset=utf-8", sourceLocation: sourceLocation)
        let object = try jsonObject(sourceLocation: sourceLocation)
        #expect(Set(object.keys) == ["error"], sourceLocation: sourceLocation)
        let error = try #require(object["error"] as? [String: Any], sourceLocation: sourceLocation)
        #expect(Set(error.keys) == ["code", "message"], sourceLocation: sourceLocation)
        #expect(error["code"] as? String == code, "\(bodyText)", sourceLocation: sourceLocation)
        let message = try #require(error["message"] as? String, sourceLocation: sourceLocation)
        #expect(!message.isEmpty, sourceLocation: sourceLocation)
    }

    var errorMessage: String? {
        ((try? jsonObject())?["error"] as? [String: Any])?["message"] as? String
    }
}
