import Hummingbird

/// Reads a request body into memory, refusing more than `limit` bytes.
enum RequestBodyReader {
    static func read(_ request: Request, limit: Int) async throws -> [UInt8] {
        try refuseDeclaredLength(of: request, over: limit)
        // The declaration may be absent (chunked) or wrong, so the streamed bytes are capped as well.
        var bytes: [UInt8] = []
        for try await chunk in ClientBodyChunks(body: request.body) {
            guard chunk.readableBytes <= limit - bytes.count else { throw MessageServiceError.payloadTooLarge(limit: limit) }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }

    /// A declared length over the limit is refused before reading anything.
    static func refuseDeclaredLength(of request: Request, over limit: Int) throws(MessageServiceError) {
        if let declared = request.headers[.contentLength], let length = Int(declared), length > limit {
            throw MessageServiceError.payloadTooLarge(limit: limit)
        }
    }
}
