import BSON
import NIOCore

/// One client's conversation: frames in, replies out, strictly one request at a time so replies keep the
/// order of requests. It only routes by opcode; meaning belongs to the CommandHandler.
struct WireConnection: Sendable {
    let id: Int
    let handler: any CommandHandler
    let maxMessageSize: Int
    let allocator: ByteBufferAllocator

    /// Returns when the peer closes; throws WireProtocolError when it must be disconnected.
    func serve(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async throws {
        var lastReplyID: Int32 = 0
        for try await frame in inbound {
            let request = try WireMessage(decoding: Array(frame.readableBytesView), maxMessageSize: maxMessageSize)
            let reply: WireMessage.Payload? =
                switch request.payload {
                case .msg(let msg): await answer(msg)
                case .query(let query): await answer(query)
                // Only servers send replies.
                case .reply: throw WireProtocolError.unsupportedOpCode(.reply)
                }
            guard let reply else { continue }
            lastReplyID &+= 1
            var buffer = allocator.buffer(capacity: 0)
            WireMessage(requestID: lastReplyID, responseTo: request.requestID, payload: reply).write(into: &buffer)
            try await outbound.write(buffer)
        }
    }

    private func answer(_ msg: OpMsg) async -> WireMessage.Payload? {
        let request = CommandRequest(msg, connectionID: id)
        let reply = await handler.handle(request)
        return request.expectsReply ? .msg(OpMsg(body: reply)) : nil
    }

    private func answer(_ query: OpQuery) async -> WireMessage.Payload {
        guard let request = CommandRequest(query, connectionID: id) else {
            return .reply(OpReply(flags: .queryFailure, documents: [Self.legacyQueryRefusal(query)]))
        }
        return .reply(OpReply(documents: [await handler.handle(request)]))
    }

    /// MongoDB 5.1+ answers OP_QUERY outside `<db>.$cmd` this way; the connection stays usable.
    static func legacyQueryRefusal(_ query: OpQuery) -> Document {
        [
            "$err": .string(
                "OP_QUERY is no longer supported except for commands on <db>.$cmd; "
                    + "cannot query '\(query.fullCollectionName)'"),
            "code": 5_739_101,
            "ok": 0,
        ]
    }
}
