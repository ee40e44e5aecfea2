import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

@Suite struct HealthTests {
    @Test func healthzIsOK() async throws {
        try await makeApp(store: UnreachableStore()).test(.router) { client in
            let response = try await client.get("/healthz")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.bodyText == #"{"status":"ok"}"#)
        }
    }

    @Test func readyzIsReadyWhenTheDatabaseAnswers() async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.get("/readyz")
            #expect(response.status == .ok)
            #expect(response.bodyText == #"{"status":"ready"}"#)
        }
    }

    @Test func readyzIsUnavailableWhenTheDatabaseIsNot() async throws {
        try await makeApp(store: UnreachableStore()).test(.router) { client in
            let response = try await client.get("/readyz")
            try response.expectError(.serviceUnavailable, "unavailable")
            #expect(response.headers[.retryAfter] == "2")
        }
        try await makeApp(store: BrokenStore()).test(.router) { client in
            let response = try await client.get("/readyz")
            try response.expectError(.serviceUnavailable, "unavailable")
            #expect(response.headers[.retryAfter] == "1")
            #expect(!response.bodyText.contains(BrokenStore.secret))
        }
    }

    @Test func refusesQueryParameters() async throws {
        try await makeApp().test(.router) { client in
            try await client.get("/healthz?verbose=1").expectError(.badRequest, "invalid_argument")
            try await client.get("/readyz?x").expectError(.badRequest, "invalid_argument")
        }
    }

    @Test func preparesTheStoreBeforeServing() async throws {
        let store = PreparationRecordingStore()
        try await makeApp(store: store).test(.router) { client in
            #expect(await store.prepared)
        }
    }
}
