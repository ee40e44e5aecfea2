import BSON
import NIOCore
import NIOPosix
import WireProtocol

/// A raw-socket client for the wire server: it sends whatever bytes a test gives it and reassembles replies
/// itself, so it can also watch the server close the connection.
struct WireTestClient {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: [UInt8] = []
    private var nextRequestID: Int32 = 100

    /// Connects, runs `body`, and closes the connection (if the server has not already).
    static func with<T: Sendable>(
        _ address: SocketAddress, _ body: (inout WireTestClient) async throws -> T
    ) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(to: address) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var client = WireTestClient(inbound: inbound.makeAsyncIterator(), outbound: outbound)
            return try await body(&client)
        }
    }

    private init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.inbound = inbound
        self.outbound = outbound
    }

    mutating func makeRequestID() -> Int32 {
        nextRequestID += 1
        return nextRequestID
    }

    func send(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// The next whole message, or nil when the server closed the connection (a reset counts as a close).
    mutating func receive() async throws -> WireMessage? {
        while true {
            if pending.count >= 4 {
                let length = Int(Int32(bitPattern: UInt32(pending[0]) | UInt32(pending[1]) << 8
                    | UInt32(pending[2]) << 16 | UInt32(pending[3]) << 24))
                if length >= 16, pending.count >= length {
                    let frame = Array(pending[..<length])
                    pending.removeFirst(length)
                    return try WireMessage(decoding: frame)
                }
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await inbound.next()
            } catch let error as IOError where error.errnoCode == ECONNRESET {
                return nil
            }
            guard let chunk else { return nil }
            pending += chunk.readableBytesView
        }
    }

    /// Sends an OP_MSG command and returns the reply's body, checking it answers this request.
    mutating func command(_ body: Document, flags: OpMsgFlags = []) async throws -> Document {
        let requestID = makeRequestID()
        try await send(WireMessage(requestID: requestID, payload: .msg(OpMsg(flags: flags, body: body))).encoded())
        guard let reply = try await receive() else { throw TestFailure.closedByServer }
        guard reply.responseTo == requestID, case .msg(let msg) = reply.payload else {
            throw TestFailure.unexpectedReply(reply)
        }
        return msg.body
    }

    /// This connection's id, as the test handler's hello reports it.
    mutating func connectionID() async throws -> Int {
        let reply = try await command(["hello": 1, "$db": "admin"])
        guard let id = reply["connectionId"]?.integerValue else { throw TestFailure.missingField("connectionId") }
        return Int(id)
    }

    /// True when the server closes the connection without sending anything more.
    mutating func isClosedByServer() async throws -> Bool {
        try await receive() == nil
    }
}

enum TestFailure: Error {
    case closedByServer
    case unexpectedReply(WireMessage)
    case missingField(String)
}
