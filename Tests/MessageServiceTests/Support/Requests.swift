import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

extension TestClientProtocol {
    /// PATCHes `body` as given, labelled `contentType` when not nil.
    func patch(_ uri: String, body: String?, contentType: String? = "application/json") async throws -> TestResponse {
        var headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
        return try await execute(uri: uri, method: .patch, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// PATCHes a new content and returns the message object.
    @discardableResult
    func editMessage(room: String = "lobby", id: String, content: String) async throws -> [String: Any] {
        let body = try JSONSerialization.data(withJSONObject: ["content": content])
        let response = try await patch("/rooms/\(room)/messages/\(id)", body: String(decoding: body, as: UTF8.self))
        #expect(response.status == .ok, "\(response.bodyText)")
        return try response.jsonObject()
    }

    func delete(_ uri: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .delete)
    }

    /// `GET /changes` as `(messages, last_change, has_more)`.
    func changes(room: String = "lobby", query: String = "") async throws -> (changes: [[String: Any]], lastChange: Int, hasMore: Bool) {
        let response = try await get("/rooms/\(room)/changes\(query.isEmpty ? "" : "?" + query)")
        #expect(response.status == .ok, "\(response.bodyText)")
        let object = try response.jsonObject()
        #expect(Set(object.keys) == ["changes", "last_change", "has_more"])
        return (try #require(object["changes"] as? [[String: Any]]), try #require(object["last_change"] as? Int),
                try #require(object["has_more"] as? Bool))
    }
}
