import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// The chat page and its assets come from the binary, and the page fetches nothing from elsewhere.
@Suite struct ChatPageTests {
    @Test(arguments: [("/", "text/html; charset=utf-8"), ("/chat.css", "text/css; charset=utf-8"),
                      ("/chat.js", "text/javascript; charset=utf-8")])
    func servesThePageAndItsAssets(_ path: String, _ type: String) async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.get(path)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == type)
            #expect(response.body.readableBytes > 100)
            #expect(!response.bodyText.contains("http://") && !response.bodyText.contains("https://"),
                    "nothing is fetched from the internet")
        }
    }

    @Test func thePageLoadsItsOwnAssets() async throws {
        try await makeApp().test(.router) { client in
            let page = try await client.get("/").bodyText
            #expect(page.contains(#"<script src="/chat.js"></script>"#))
            #expect(page.contains(#"<link rel="stylesheet" href="/chat.css">"#))
            try await client.get("/?x=1").expectError(.badRequest, "invalid_argument")
        }
    }
}
