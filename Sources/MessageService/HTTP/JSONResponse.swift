import Hummingbird

/// Every response of the API is JSON in UTF-8 and says so.
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    /// The response whose body is `body`'s buffer, used as it is.
    static func make(_ status: HTTPResponse.Status, _ body: consuming JSONWriter, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: body.finish()))
    }
}
