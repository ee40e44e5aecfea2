import Logging
import NIOCore

/// Closes a connection when the IdleStateHandler in front of it reports no traffic for the idle timeout.
final class IdleConnectionCloser: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny

    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is IdleStateHandler.IdleStateEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        logger.info(
            "closing idle connection",
            metadata: ["remote": "\(context.remoteAddress.map { "\($0)" } ?? "unknown")"])
        context.close(promise: nil)
    }
}
