import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

@Suite struct RoutingTests {
    @Test(arguments: ["/index.html", "/rooms", "/rooms/lobby", "/rooms/lobby/messages/a/b", "/Rooms/lobby/messages", "/healthz/x", "/nope"])
    func unknownPathIsNotFound(_ path: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.get(path).expectError(.notFound, "not_found")
            try await client.execute(uri: path, method: .delete).expectError(.notFound, "not_found")
        }
    }

    @Test(arguments: [
        ("/rooms/lobby/messages", HTTPRequest.Method.put, "POST, GET, HEAD"),
        ("/rooms/lobby/messages", .delete, "POST, GET, HEAD"),
        ("/rooms/lobby/messages", .patch, "POST, GET, HEAD"),
        ("/rooms/lobby/messages", .options, "POST, GET, HEAD"),
        ("/rooms/lobby/messages/65a1b2c3d4e5f60718293a4b", .post, "GET, PATCH, DELETE, HEAD"),
        ("/rooms/lobby/messages/65a1b2c3d4e5f60718293a4b", .put, "GET, PATCH, DELETE, HEAD"),
        ("/rooms/lobby/changes", .post, "GET, HEAD"),
        ("/rooms/lobby/live", .delete, "GET, HEAD"),
        ("/", .post, "GET, HEAD"),
        ("/healthz", .post, "GET, HEAD"),
        ("/readyz", .put, "GET, HEAD"),
        ("/rooms/lobby/messages", HTTPRequest.Method("PURGE")!, "POST, GET, HEAD"),
    ])
    func wrongMethodIsNotAllowed(_ path: String, _ method: HTTPRequest.Method, _ allow: String) async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.execute(uri: path, method: method)
            try response.expectError(.methodNotAllowed, "method_not_allowed")
            #expect(response.headers[.allow] == allow)
        }
    }

    @Test func headIsAnsweredWhereGetIs() async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .head)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
        }
    }
}

@Suite struct StoreErrorTests {
    @Test func unreachableDatabaseIs503WithRetryAfter() async throws {
        try await makeApp(store: UnreachableStore()).test(.router) { client in
            for response in [
                try await client.post("/rooms/lobby/messages", body: #"{"sender":"a","content":"b"}"#),
                try await client.get("/rooms/lobby/messages"),
                try await client.get("/rooms/lobby/messages/65a1b2c3d4e5f60718293a4b"),
            ] {
                try response.expectError(.serviceUnavailable, "unavailable")
                #expect(response.headers[.retryAfter] == "2")
            }
        }
    }

    /// A full disk is 507 for writes, never a 500; reads go on and readiness says writes are refused.
    @Test func fullStoreRefusesWritesWith507AndStaysReadyForReads() async throws {
        try await makeApp(store: FullStore()).test(.router) { client in
            let post = try await client.post("/rooms/lobby/messages", body: #"{"sender":"a","content":"b"}"#)
            #expect(post.status.code == 507)
            try post.expectError(post.status, "insufficient_storage")
            #expect(try await client.get("/rooms/lobby/messages").status == .ok)
            let ready = try await client.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.bodyText.contains(#""status":"degraded""#))
            #expect(ready.bodyText.contains(#""writes":"refused""#))
        }
    }

    @Test func unexpectedFailureIs500WithoutDetail() async throws {
        try await makeApp(store: BrokenStore()).test(.router) { client in
            for response in [
                try await client.post("/rooms/lobby/messages", body: #"{"sender":"a","content":"b"}"#),
                try await client.get("/rooms/lobby/messages"),
                try await client.get("/rooms/lobby/messages/65a1b2c3d4e5f60718293a4b"),
            ] {
                try response.expectError(.internalServerError, "internal")
                #expect(response.errorMessage == "internal error")
                #expect(!response.bodyText.contains(BrokenStore.secret))
            }
        }
    }

    /// Bad input is refused before the store is asked: a broken store still yields 400, never 500.
    @Test func badInputNeverReachesTheStore() async throws {
        try await makeApp(store: BrokenStore()).test(.router) { client in
            try await client.post("/rooms/lobby/messages", body: #"{"sender":" ","content":"b"}"#).expectError(.badRequest, "invalid_argument")
            try await client.get("/rooms/lobby/messages?limit=0").expectError(.badRequest, "invalid_argument")
            try await client.get("/rooms/lobby/messages/XYZ").expectError(.badRequest, "invalid_argument")
        }
    }
}
