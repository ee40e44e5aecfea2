import ArgumentParser
import Logging

/// Where a setting's value comes from: its flag, else its environment variable (an empty one counts as
/// unset), else its default. `serve` and the maintenance commands read the settings they share through the
/// accessors at the bottom, so one value cannot mean two things to them.
struct SettingsSource {
    let environment: [String: String]

    /// The variable's value, unless it is unset or empty.
    func text(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    func integer(_ flag: Int?, _ name: String, default value: Int?, range: ClosedRange<Int>) throws -> Int? {
        let resolved: Int?
        if let flag { resolved = flag } else if let text = text(name) {
            guard let parsed = Int(text) else { throw ValidationError("\(name) must be an integer, got \(text.debugDescription)") }
            resolved = parsed
        } else { resolved = value }
        if let resolved, !range.contains(resolved) {
            throw ValidationError("\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(resolved)")
        }
        return resolved
    }

    /// MSGSVC_LOG_LEVEL; `serve` logs from info, the commands from warning.
    func logLevel(_ flag: String?, default value: Logger.Level) throws -> Logger.Level {
        let level = flag ?? text("MSGSVC_LOG_LEVEL") ?? value.rawValue
        guard let parsed = Logger.Level(rawValue: level) else {
            throw ValidationError("log level must be one of trace, debug, info, notice, warning, error, critical; got \(level.debugDescription)")
        }
        return parsed
    }

    /// `--uri`, else MONGO_URI, unless `--data-dir` was given: a flag on the command line beats the
    /// environment (and `.env`), so `--data-dir X` never lands in a database MONGO_URI happens to name.
    func uri(_ flag: String?, dataDirectoryFlag: String?) -> String? {
        if let flag { return flag }
        return dataDirectoryFlag == nil ? text("MONGO_URI") : nil
    }

    func dataDirectory(_ flag: String?) -> String {
        flag ?? text("MSGSVC_DATA_DIR") ?? "./msgsvc-data"
    }

    func maxContentBytes(_ flag: Int?) throws -> Int {
        try integer(flag, "MSGSVC_MAX_CONTENT_BYTES", default: 16384, range: 1...1_000_000)!
    }
}
