import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing
@testable import MessageService

/// The body deadlines, on an embedded channel whose clock the test moves: a normal body must arrive
/// whole within the body timeout; an import's body is held to a pace instead.
@Suite struct RequestDeadlineHandlerTests {
    private static let timeout = TimeAmount.seconds(30)

    private func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: RequestDeadlineHandler(
            headTimeout: .seconds(10), bodyTimeout: Self.timeout, isStreamedUpload: ImportRequestHead.matches))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return channel
    }

    private func head(_ channel: EmbeddedChannel, _ method: HTTPRequest.Method, _ path: String) throws {
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: method, scheme: nil, authority: nil, path: path)))
    }

    /// The server asks for more, and `bytes` of body arrive.
    private func body(_ channel: EmbeddedChannel, bytes: Int) throws {
        channel.read()
        if bytes > 0 { try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(repeating: 0x0A, count: bytes))) }
        channel.read()
    }

    @Test func aPostBodyMustArriveWithinTheBodyTimeout() throws {
        let channel = try channel()
        try head(channel, .post, "/rooms/lobby/messages")
        try body(channel, bytes: 1_000_000)
        channel.embeddedEventLoop.advanceTime(by: Self.timeout - .seconds(1))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func anImportMayTakeLongerWhileItKeepsThePace() throws {
        let channel = try channel()
        try head(channel, .post, "/rooms/lobby/import?")
        for _ in 0..<10 {
            try body(channel, bytes: RequestDeadlineHandler.minimumUploadBytes)
            channel.embeddedEventLoop.advanceTime(by: Self.timeout)
            #expect(channel.isActive)
        }
        try channel.writeInbound(HTTPRequestPart.end(nil))
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    @Test func anImportThatTricklesIsClosed() throws {
        let channel = try channel()
        try head(channel, .post, "/rooms/lobby/import")
        try body(channel, bytes: RequestDeadlineHandler.minimumUploadBytes)
        channel.embeddedEventLoop.advanceTime(by: Self.timeout)
        #expect(channel.isActive)
        try body(channel, bytes: RequestDeadlineHandler.minimumUploadBytes - 1)
        channel.embeddedEventLoop.advanceTime(by: Self.timeout)
        #expect(!channel.isActive)
    }

    @Test func anImportIsNotBlamedWhileTheServerIsNotReading() throws {
        let channel = try channel()
        try head(channel, .post, "/rooms/lobby/import")
        channel.read()
        try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(repeating: 0x0A, count: 10)))
        // The store is busy: no read is asked for, so nothing more comes, for several windows.
        channel.embeddedEventLoop.advanceTime(by: Self.timeout * 5)
        #expect(channel.isActive)
        // Reading again, the client must keep the pace.
        channel.read()
        channel.embeddedEventLoop.advanceTime(by: Self.timeout)
        #expect(!channel.isActive)
    }

    @Test(arguments: [("/rooms/a/import", true), ("/rooms/a/import?x=1", true), ("/rooms/a/messages", false),
                      ("/rooms/import", false), ("/rooms/a/import/x", false)])
    func onlyImportsArePaced(path: String, paced: Bool) {
        #expect(ImportRequestHead.matches(HTTPRequest(method: .post, scheme: nil, authority: nil, path: path)) == paced)
        #expect(!ImportRequestHead.matches(HTTPRequest(method: .get, scheme: nil, authority: nil, path: path)))
    }
}
