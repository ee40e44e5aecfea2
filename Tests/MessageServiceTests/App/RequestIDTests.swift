import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// `X-Request-Id`: the client's id when it is safe, else one made by the service, echoed on every answer.
@Suite struct RequestIDTests {
    private func get(_ client: some TestClientProtocol, _ uri: String, id: String?, method: HTTPRequest.Method = .get)
        async throws -> TestResponse
    {
        var headers = HTTPFields()
        if let id { headers[RequestID.header] = id }
        return try await client.execute(uri: uri, method: method, headers: headers)
    }

    private func isGenerated(_ id: String?) -> Bool {
        guard let id else { return false }
        return id.count == 32 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    @Test func echoesAnAcceptableIDOnEveryKindOfAnswer() async throws {
        try await makeApp().test(.router) { client in
            let id = "req-01.AB_cd"
            #expect(try await get(client, "/healthz", id: id).headers[RequestID.header] == id)
            try await client.postMessage()
            #expect(try await get(client, "/rooms/lobby/messages", id: id).headers[RequestID.header] == id)
            let bad = try await get(client, "/rooms/lobby/messages?limit=0", id: id)
            #expect(bad.status == .badRequest)
            #expect(bad.headers[RequestID.header] == id)
            let missing = try await get(client, "/nowhere", id: id)
            #expect(missing.status == .notFound)
            #expect(missing.headers[RequestID.header] == id)
            let wrongMethod = try await get(client, "/healthz", id: id, method: .delete)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[RequestID.header] == id)
        }
    }

    @Test func replacesAnUnacceptableIDWithoutRefusingTheRequest() async throws {
        let offered = ["", String(repeating: "a", count: 129), "has space", "quote\"d", "semi;colon", "ünïcode", "a,b"]
        try await makeApp().test(.router) { client in
            for id in offered {
                let response = try await get(client, "/healthz", id: id)
                #expect(response.status == .ok)
                let echoed = response.headers[RequestID.header]
                #expect(echoed != id)
                #expect(isGenerated(echoed), "\(id.debugDescription) -> \(echoed ?? "nil")")
            }
            let longest = String(repeating: "z", count: 128)
            #expect(try await get(client, "/healthz", id: longest).headers[RequestID.header] == longest)
        }
    }

    @Test func generatesADifferentIDForEachRequestWithout() async throws {
        try await makeApp().test(.router) { client in
            let first = try await get(client, "/healthz", id: nil).headers[RequestID.header]
            let second = try await get(client, "/healthz", id: nil).headers[RequestID.header]
            #expect(isGenerated(first))
            #expect(isGenerated(second))
            #expect(first != second)
        }
    }
}
