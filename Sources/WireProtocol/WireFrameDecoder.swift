import NIOCore

/// Cuts the byte stream into whole frames. The length prefix is checked the moment its four bytes arrive, so
/// an oversized or nonsensical frame is refused without buffering its body.
struct WireFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    let maxMessageSize: Int

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let declared = declaredLength(of: buffer) else { return .needMoreData }
        try MessageHeader.validate(declaredLength: declared, maxMessageSize: maxMessageSize)
        guard let frame = buffer.readSlice(length: declared) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        guard buffer.readableBytes == 0 else {
            throw WireProtocolError.closedMidFrame(received: buffer.readableBytes, declared: declaredLength(of: buffer))
        }
        return .needMoreData
    }

    private func declaredLength(of buffer: ByteBuffer) -> Int? {
        buffer.getInteger(at: buffer.readerIndex, endianness: .little, as: Int32.self).map(Int.init)
    }
}
