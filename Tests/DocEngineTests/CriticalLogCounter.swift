import Foundation
import Logging

/// Counts log events per level, so a test can check that a condition is logged once and not per request.
final class CriticalLogCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Logger.Level: Int] = [:]

    func count(_ level: Logger.Level) -> Int { lock.withLock { counts[level, default: 0] } }

    func makeLogger() -> Logger {
        Logger(label: "test.counted") { _ in Handler(counter: self) }
    }

    private struct Handler: LogHandler {
        let counter: CriticalLogCounter
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            counter.lock.withLock { counter.counts[event.level, default: 0] += 1 }
        }
    }
}
