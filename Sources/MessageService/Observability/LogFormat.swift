/// How the process writes its log lines to standard error.
public enum LogFormat: String, Sendable, CaseIterable {
    /// swift-log's own line: `timestamp level label: metadata [source] message`.
    case text
    /// One JSON object per line (`JSONLogHandler`), for log collectors.
    case json
}
