import Foundation
import Testing

/// Every kind of bad input in the contract gets its precise 4xx and the error JSON, and the process stays
/// healthy — including for later requests on the same connection.
@Suite("Bad input over real HTTP")
struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let method: String
        let target: String
        let headers: [(String, String)]
        let body: [UInt8]?
        let status: Int
        let code: String
        var description: String { name }
    }

    static let json = [("Content-Type", "application/json")]
    static func post(_ name: String, _ body: String, status: Int = 400, code: String = "invalid_argument",
                     headers: [(String, String)] = json, target: String = "/rooms/lobby/messages") -> Case {
        Case(name: name, method: "POST", target: target, headers: headers, body: Array(body.utf8), status: status, code: code)
    }
    static func get(_ name: String, _ target: String, status: Int = 400, code: String = "invalid_argument") -> Case {
        Case(name: name, method: "GET", target: target, headers: [], body: nil, status: status, code: code)
    }

    static let cases: [Case] = [
        post("malformed JSON", #"{"sender": "a", "content": "#),
        post("empty body", ""),
        post("top-level array", #"[1, 2]"#),
        post("unknown field", #"{"sender":"a","content":"b","extra":1}"#),
        post("duplicate key", #"{"sender":"a","sender":"b","content":"c"}"#),
        post("operator object as sender", #"{"sender":{"$gt":""},"content":"c"}"#),
        post("number as content", #"{"sender":"a","content":5}"#),
        post("null client_id", #"{"sender":"a","content":"b","client_id":null}"#),
        post("missing content", #"{"sender":"a"}"#),
        post("blank sender", #"{"sender":" \u3000\u00a0","content":"b"}"#),
        post("control character in sender", #"{"sender":"a\u0007","content":"b"}"#),
        post("NUL in content", #"{"sender":"a","content":"x\u0000y"}"#),
        post("blank content", #"{"sender":"a","content":"  \n "}"#),
        post("sender too long", "{\"sender\":\"\(String(repeating: "é", count: 129))\",\"content\":\"b\"}"),
        post("content too long", "{\"sender\":\"a\",\"content\":\"\(String(repeating: "x", count: 16385))\"}"),
        post("bad client_id", #"{"sender":"a","content":"b","client_id":"has space"}"#),
        post("lone surrogate", #"{"sender":"a","content":"\ud800"}"#),
        post("deep nesting", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
        post("huge number", #"{"sender":"a","content":"b","client_id":1e999999}"#),
        Case(name: "invalid UTF-8", method: "POST", target: "/rooms/lobby/messages", headers: json,
             body: Array(#"{"sender":"a","content":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), status: 400, code: "invalid_argument"),
        post("missing content type", #"{"sender":"a","content":"b"}"#, status: 415, code: "unsupported_media_type", headers: []),
        post("text/plain", #"{"sender":"a","content":"b"}"#, status: 415, code: "unsupported_media_type", headers: [("Content-Type", "text/plain")]),
        post("body over 1 MiB", "{\"sender\":\"a\",\"content\":\"\(String(repeating: "x", count: 1_048_577))\"}",
             status: 413, code: "payload_too_large", headers: [("Content-Type", "text/plain")]),
        post("bad room id", #"{"sender":"a","content":"b"}"#, target: "/rooms/bad%20room/messages"),
        post("dot-dot room", #"{"sender":"a","content":"b"}"#, target: "/rooms/../messages"),
        post("query parameter on POST", #"{"sender":"a","content":"b"}"#, target: "/rooms/lobby/messages?x=1"),
        get("limit zero", "/rooms/lobby/messages?limit=0"),
        get("limit too big", "/rooms/lobby/messages?limit=1001"),
        get("limit not a number", "/rooms/lobby/messages?limit=ten"),
        get("empty limit", "/rooms/lobby/messages?limit="),
        get("repeated parameter", "/rooms/lobby/messages?limit=5&limit=6"),
        get("unknown parameter", "/rooms/lobby/messages?page=2"),
        get("malformed cursor", "/rooms/lobby/messages?before=not-a-cursor"),
        get("empty cursor", "/rooms/lobby/messages?after="),
        get("query on single message", "/rooms/lobby/messages/0123456789abcdef01234567?x=1"),
        get("bad message id", "/rooms/lobby/messages/xyz"),
        get("room id too long", "/rooms/\(String(repeating: "a", count: 129))/messages"),
        get("unknown path", "/nope", status: 404, code: "not_found"),
        Case(name: "wrong method", method: "DELETE", target: "/rooms/lobby/messages", headers: [], body: nil,
             status: 405, code: "method_not_allowed"),
    ]

    @Test(arguments: Backend.available)
    func everyBadRequestGetsItsPreciseError(backend: Backend) async throws {
        try await withService(backend) { service in
            for item in Self.cases {
                let response = try await service.client.send(item.method, item.target, headers: item.headers, body: item.body)
                #expect(response.status == item.status, "\(item.name): \(response.status) \(response.text.prefix(200))")
                #expect(response.errorCode == item.code, "\(item.name): \(response.text.prefix(200))")
                let message = (response.object["error"] as? [String: Any])?["message"] as? String
                #expect(message?.isEmpty == false, "\(item.name) has an error message")
                if item.status == 405 { #expect(response.header("Allow") != nil) }
            }
            // Still healthy, and still storing.
            #expect(try await service.client.get("/healthz").status == 200)
            let ok = try await service.client.postJSON("/rooms/lobby/messages", ["sender": "a", "content": "fine"])
            #expect(ok.status == 201)
            let page = try await service.client.get("/rooms/lobby/messages")
            #expect(pageIDs(page).count == 1)
        }
    }

    @Test func badRequestsDoNotPoisonTheConnection() async throws {
        try await withService(.embedded) { service in
            let port = service.port
            let statuses: [Int] = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    do {
                        let connection = try HTTPConnection(port: port)
                        var statuses: [Int] = []
                        statuses.append(try connection.request("POST", "/rooms/a/messages", headers: Self.json, body: Array("{bad".utf8)).status)
                        statuses.append(try connection.request("GET", "/rooms/a/messages?limit=-1").status)
                        statuses.append(try connection.request("POST", "/rooms/a/messages", headers: Self.json,
                                                               body: Array(#"{"sender":"a","content":"b"}"#.utf8)).status)
                        statuses.append(try connection.request("GET", "/rooms/a/messages").status)
                        continuation.resume(returning: statuses)
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
            #expect(statuses == [400, 400, 201, 200])
        }
    }
}

/// A client that gives up in the middle of its request body caused the failure: never a 5xx, nothing
/// logged as a server error, and the service keeps serving.
@Suite("Truncated request bodies")
struct TruncatedBodyTests {
    @Test func aBodyCutShortIsTheClientsFault() async throws {
        try await withService(.embedded) { service in
            let port = service.port
            let status: Int? = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    do {
                        let connection = try HTTPConnection(port: port)
                        connection.sendRaw(Array(("POST /rooms/a/messages HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"sender\":").utf8))
                        connection.shutdownWrite()
                        // Either an answer (which must not be a 5xx) or the connection simply closed.
                        continuation.resume(returning: try? connection.readResponse().status)
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
            #expect(status.map { $0 < 500 } ?? true, "answered \(status.map(String.init) ?? "nothing")")
            #expect(try await service.client.get("/healthz").status == 200)
            let log = service.service?.log ?? ""
            #expect(!log.contains("unexpected error"), "the service logged: \(log)")
        }
    }
}

/// A client that never finishes its request head is disconnected, and does not stop others being served.
@Suite("Slow clients")
struct SlowClientTests {
    @Test func aStalledRequestHeadIsDisconnected() async throws {
        try await withService(.embedded) { service in
            let port = service.port
            let closed: Bool = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    do {
                        let connection = try HTTPConnection(port: port)
                        connection.sendRaw(Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8))
                        continuation.resume(returning: connection.isClosedByPeer())
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
            #expect(closed)
            #expect(try await service.client.get("/healthz").status == 200)
        }
    }
}
