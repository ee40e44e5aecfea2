import ArgumentParser
import Logging

/// Where the export and import commands find the store: a running deployment (`--uri`), or a data
/// directory of the embedded engine (`--data-dir`), as `serve` does, and from the same environment.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "MongoDB connection string, e.g. a running msgsvc engine or MongoDB (env MONGO_URI).")
    var uri: String?

    @Option(name: .long, help: "Embedded engine data directory, used when there is no URI (env MSGSVC_DATA_DIR, default ./msgsvc-data).")
    var dataDir: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (env MSGSVC_LOG_LEVEL, default warning).")
    var logLevel: String?

    /// What the flags and the environment say, flags first.
    func resolved(_ environment: [String: String]) throws -> (target: StoreTarget, logLevel: Logger.Level) {
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let level = logLevel ?? env("MSGSVC_LOG_LEVEL") ?? "warning"
        guard let parsed = Logger.Level(rawValue: level) else {
            throw ValidationError("log level must be one of trace, debug, info, notice, warning, error, critical; got \(level.debugDescription)")
        }
        if let uri = uri ?? env("MONGO_URI") { return (.uri(uri), parsed) }
        return (.dataDirectory(dataDir ?? env("MSGSVC_DATA_DIR") ?? "./msgsvc-data"), parsed)
    }
}

enum StoreTarget {
    case uri(String)
    case dataDirectory(String)
}
