import Hummingbird
import Testing
@testable import MessageService

@Suite struct RequestBodyReaderTests {
    private struct Chunks: AsyncSequence, Sendable {
        let chunks: [[UInt8]]
        struct AsyncIterator: AsyncIteratorProtocol {
            var remaining: [[UInt8]]
            mutating func next() async throws -> ByteBuffer? {
                remaining.isEmpty ? nil : ByteBuffer(bytes: remaining.removeFirst())
            }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks) }
    }

    /// A streamed body with no Content-Length, as with chunked transfer encoding.
    private func request(_ chunks: [[UInt8]], contentLength: String? = nil) -> Request {
        var headers = HTTPFields()
        if let contentLength { headers[.contentLength] = contentLength }
        return Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/", headerFields: headers),
            body: RequestBody(asyncSequence: Chunks(chunks: chunks)))
    }

    @Test func readsUpToTheLimit() async throws {
        let chunks = [[UInt8](repeating: 1, count: 6), [2, 3, 4, 5]]
        #expect(try await RequestBodyReader.read(request(chunks), limit: 10) == chunks[0] + chunks[1])
        #expect(try await RequestBodyReader.read(request([]), limit: 10) == [])
    }

    @Test func capsAStreamedBodyWithoutContentLength() async {
        await #expect(throws: MessageServiceError.payloadTooLarge(limit: 10)) {
            try await RequestBodyReader.read(request([[UInt8](repeating: 1, count: 6), [2, 3, 4, 5, 6]]), limit: 10)
        }
    }

    @Test func capsABodyLongerThanItsDeclaredLength() async {
        await #expect(throws: MessageServiceError.payloadTooLarge(limit: 4)) {
            try await RequestBodyReader.read(request([[1, 2, 3, 4, 5]], contentLength: "3"), limit: 4)
        }
    }

    @Test func refusesADeclaredLengthOverTheLimitBeforeReading() async {
        struct ReadAnyway: Error {}
        struct Exploding: AsyncSequence, Sendable {
            struct AsyncIterator: AsyncIteratorProtocol {
                mutating func next() async throws -> ByteBuffer? { throw ReadAnyway() }
            }
            func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
        }
        let request = Request(
            head: HTTPRequest(
                method: .post, scheme: "http", authority: "localhost", path: "/", headerFields: [.contentLength: "11"]),
            body: RequestBody(asyncSequence: Exploding()))
        await #expect(throws: MessageServiceError.payloadTooLarge(limit: 10)) {
            try await RequestBodyReader.read(request, limit: 10)
        }
    }
}
