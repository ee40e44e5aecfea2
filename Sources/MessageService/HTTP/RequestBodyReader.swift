import Hummingbird

/// Reads a request body into memory, refusing more than `limit` bytes.
enum RequestBodyReader {
    static func read(_ request: Request, limit: Int) async throws -> [UInt8] {
        // A declared length over the limit is refused before reading anything.
        if let declared = request.headers[.contentLength], let length = Int(declared), length > limit {
            throw MessageServiceError.payloadTooLarge(limit: limit)
        }
        // The declaration may be absent (chunked) or wrong, so the streamed bytes are capped as well.
        var bytes: [UInt8] = []
        var chunks = request.body.makeAsyncIterator()
        while true {
            let next: ByteBuffer?
            do {
                next = try await chunks.next()
            } catch {
                // The client closed or broke its side before the body was complete: its fault, not ours.
                throw RequestBodyError.incomplete
            }
            guard let chunk = next else { return bytes }
            guard chunk.readableBytes <= limit - bytes.count else { throw MessageServiceError.payloadTooLarge(limit: limit) }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
    }
}
