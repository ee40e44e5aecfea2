import CMongoC
import Logging
import Synchronization

/// Process-wide libmongoc set-up: `mongoc_init` exactly once, before the first libmongoc call, and
/// libmongoc's log routed into swift-log. `mongoc_cleanup` is never called: clients may live until exit.
enum Mongoc {
    static func initialize() { _ = initialized }

    private static let initialized: Void = {
        mongoc_init()
        mongoc_log_set_handler({ level, domain, message, _ in
            MongocLog.handle(level: level, domain: domain, message: message)
        }, nil)
    }()
}

/// Where libmongoc's log lines go: to the "mongoc" logger, or, while a call is being watched with
/// `capturing`, warnings and errors from that call's thread go to the watcher instead (URI parsing
/// explains its failures only there).
enum MongocLog {
    static let logger = Logger(label: "mongoc")

    /// Collects the warnings and errors libmongoc logs during one call.
    final class Capture: Sendable {
        let lines = Mutex<[String]>([])
    }

    // libmongoc calls the handler synchronously on the thread that is logging, so a task-local (kept in
    // a thread-local outside tasks) reaches it for exactly the watched call.
    @TaskLocal static var capture: Capture?

    /// Runs `body`, returning what it returned and the warnings and errors libmongoc logged meanwhile.
    static func capturing<T>(_ body: () -> T) -> (T, [String]) {
        let capture = Capture()
        let result = $capture.withValue(capture) { body() }
        return (result, capture.lines.withLock { $0 })
    }

    static func handle(
        level: mongoc_log_level_t, domain: UnsafePointer<CChar>?, message: UnsafePointer<CChar>?
    ) {
        let text = message.map { String(cString: $0) } ?? ""
        let swiftLevel = Self.level(level)
        if let capture, swiftLevel >= .warning {
            capture.lines.withLock { $0.append(text) }
            return
        }
        let domain = domain.map { String(cString: $0) } ?? ""
        logger.log(level: swiftLevel, "\(text)", metadata: ["mongoc.domain": "\(domain)"])
    }

    private static func level(_ level: mongoc_log_level_t) -> Logger.Level {
        switch level {
        case MONGOC_LOG_LEVEL_ERROR, MONGOC_LOG_LEVEL_CRITICAL: .error
        case MONGOC_LOG_LEVEL_WARNING: .warning
        case MONGOC_LOG_LEVEL_MESSAGE: .notice
        case MONGOC_LOG_LEVEL_INFO: .info
        case MONGOC_LOG_LEVEL_DEBUG: .debug
        default: .trace
        }
    }
}
