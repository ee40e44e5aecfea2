import Foundation
import Logging

/// Collects log lines so tests can check that a closed connection was explained.
final class LogRecorder: @unchecked Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let lock = NSLock()
    private var stored: [Entry] = []

    var entries: [Entry] { lock.withLock { stored } }

    func append(_ entry: Entry) { lock.withLock { stored.append(entry) } }

    func entries(forConnection connectionID: Int) -> [Entry] {
        entries.filter { $0.metadata["connection"] == String(connectionID) }
    }

    func makeLogger() -> Logger {
        var logger = Logger(label: "wire-test") { _ in RecordingLogHandler(recorder: self) }
        logger.logLevel = .debug
        return logger
    }
}

struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        for (key, value) in event.metadata ?? [:] { merged[key] = value }
        recorder.append(.init(
            level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
    }
}
