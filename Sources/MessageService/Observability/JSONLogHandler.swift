import Foundation
import Logging
import NIOCore
import Synchronization

/// Writes each log event as one JSON object on one line:
/// `{"timestamp":"2026-11-30T21:40:00.123Z","level":"info","label":"msgsvc","message":"request","metadata":{...}}`.
/// Metadata values keep their shape (strings, arrays, objects); an event's error, if any, is `error`.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String

    /// Writes to standard error, as swift-log's own handler does.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let given = event.metadata { merged.merge(given) { $1 } }
        StandardErrorLines.put(Self.line(
            milliseconds: Int64(Date().timeIntervalSince1970 * 1000), level: event.level, label: label,
            message: event.message.description, metadata: merged, error: event.error))
    }

    /// The whole line, newline included, so that one write puts it out unbroken.
    static func line(
        milliseconds: Int64, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
        error: (any Error)?
    ) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeStaticString(#"{"timestamp":"#)
        RFC3339.writeQuoted(milliseconds: milliseconds, to: &buffer)
        buffer.writeStaticString(#","level":"#)
        JSONWriter.writeQuoted(level.rawValue, to: &buffer)
        buffer.writeStaticString(#","label":"#)
        JSONWriter.writeQuoted(label, to: &buffer)
        buffer.writeStaticString(#","message":"#)
        JSONWriter.writeQuoted(message, to: &buffer)
        buffer.writeStaticString(#","metadata":"#)
        write(.dictionary(metadata), to: &buffer)
        if let error {
            buffer.writeStaticString(#","error":"#)
            JSONWriter.writeQuoted(String(describing: error), to: &buffer)
        }
        buffer.writeStaticString("}\n")
        return buffer
    }

    private static func write(_ value: Logger.Metadata.Value, to buffer: inout ByteBuffer) {
        switch value {
        case .string(let text):
            JSONWriter.writeQuoted(text, to: &buffer)
        case .stringConvertible(let convertible):
            JSONWriter.writeQuoted(convertible.description, to: &buffer)
        case .array(let elements):
            buffer.writeStaticString("[")
            for (index, element) in elements.enumerated() {
                if index > 0 { buffer.writeStaticString(",") }
                write(element, to: &buffer)
            }
            buffer.writeStaticString("]")
        case .dictionary(let members):
            buffer.writeStaticString("{")
            // Sorted: the same metadata always reads the same, whatever the dictionary's order.
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { buffer.writeStaticString(",") }
                JSONWriter.writeQuoted(key, to: &buffer)
                buffer.writeStaticString(":")
                write(members[key]!, to: &buffer)
            }
            buffer.writeStaticString("}")
        }
    }
}

/// Standard error, written one whole line at a time under a lock, so that lines from concurrent tasks
/// never interleave.
enum StandardErrorLines {
    private static let lock = Mutex(())

    static func put(_ line: ByteBuffer) {
        lock.withLock { _ in
            line.withUnsafeReadableBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    // A closed or full stderr loses the line: logging must not stop the service.
                    guard written > 0 else { return }
                    offset += written
                }
            }
        }
    }
}
