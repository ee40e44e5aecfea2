import Hummingbird

/// A request body whose read failures (the client closed or broke its side before the body was complete)
/// are the client's fault, `RequestBodyError.incomplete`, not a 5xx.
struct ClientBodyChunks: AsyncSequence, Sendable {
    let body: RequestBody

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator

        mutating func next() async throws -> ByteBuffer? {
            do {
                return try await base.next()
            } catch {
                throw RequestBodyError.incomplete
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: body.makeAsyncIterator()) }
}
