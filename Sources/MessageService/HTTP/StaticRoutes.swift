import Hummingbird

/// The chat page, its two assets, and the API's contract (`openapi.yaml`).
struct StaticRoutes<Context: RequestContext>: Sendable {
    var endpoints: [Endpoint<Context>] {
        [
            Self.asset("/", ChatPage.html, type: "text/html; charset=utf-8"),
            Self.asset("/chat.css", ChatPage.css, type: "text/css; charset=utf-8"),
            Self.asset("/chat.js", ChatPage.javaScript, type: "text/javascript; charset=utf-8"),
            Self.asset("/openapi.yaml", OpenAPIDocument.yaml, type: OpenAPIDocument.contentType),
        ]
    }

    private static func asset(_ path: String, _ text: String, type: String) -> Endpoint<Context> {
        let body = ByteBuffer(string: text)
        return Endpoint(path: path, method: .get) { request, _ in
            _ = try QueryParameters.parse(request.uri.query, allowed: [])
            var headers = HTTPFields()
            headers[.contentType] = type
            // Small and part of the binary: revalidated on each load, so an upgrade shows at once.
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        }
    }
}
