import NIOCore
import NIOHTTPTypes
import Hummingbird

/// Closes a connection whose client is too slow: a request head must arrive within `headTimeout` of the
/// connection opening (or of the previous response ending), and its body within `bodyTimeout` of the head.
/// Without this, a client trickling one header byte at a time (slowloris) holds a connection forever,
/// because every byte resets an idle timer. No timer runs while the service itself works on a request.
///
/// A streamed upload (an import, which may rightly take far longer than `bodyTimeout`) is held to a pace
/// instead: every `bodyTimeout` window must bring at least `minimumUploadBytes`, unless the server itself
/// stopped reading (it is storing what came, and backpressure holds the client) when the window ends.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// 64 KiB per 30 s window: about 2 KiB/s, far below any real upload, far above a trickle.
    static let minimumUploadBytes = 65_536

    private let headTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private let isStreamedUpload: @Sendable (HTTPRequest) -> Bool
    private var deadline: Scheduled<Void>?
    /// Set while the current request is a streamed upload.
    private var pacing = false
    private var bytesThisWindow = 0
    /// The server asked for more bytes and none have come since: waiting on the client.
    private var awaitingClient = false

    init(headTimeout: TimeAmount, bodyTimeout: TimeAmount,
         isStreamedUpload: @escaping @Sendable (HTTPRequest) -> Bool = { _ in false }) {
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
        self.isStreamedUpload = isStreamedUpload
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(headTimeout, context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(headTimeout, context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            pacing = isStreamedUpload(head)
            bytesThisWindow = 0
            if pacing { armPace(context: context) } else { arm(bodyTimeout, context: context) }
        case .end:
            pacing = false
            deadline?.cancel()
            deadline = nil
        case .body(let chunk):
            bytesThisWindow += chunk.readableBytes
        }
        awaitingClient = false
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        awaitingClient = true
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(headTimeout, context: context) }
        context.write(data, promise: promise)
    }

    /// One pace window of a streamed upload; at its end the connection is closed only if the server was
    /// waiting on a client that sent less than `minimumUploadBytes` in it.
    private func armPace(context: ChannelHandlerContext) {
        deadline?.cancel()
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let context = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.value.eventLoop.scheduleTask(in: bodyTimeout) {
            let handler = handler.value
            guard handler.pacing else { return }
            if handler.awaitingClient && handler.bytesThisWindow < Self.minimumUploadBytes {
                context.value.channel.close(promise: nil)
            } else {
                handler.bytesThisWindow = 0
                handler.armPace(context: context.value)
            }
        }
    }

    private func arm(_ timeout: TimeAmount, context: ChannelHandlerContext) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            channel.close(promise: nil)
        }
    }
}
