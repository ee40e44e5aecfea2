import ArgumentParser
import Logging

/// Where the export and import commands find the store: a running deployment (`--uri`), or a data
/// directory of the embedded engine (`--data-dir`), as `serve` does, and from the same environment and
/// `.env` file.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "MongoDB connection string, e.g. a running msgsvc engine or MongoDB (env MONGO_URI).")
    var uri: String?

    @Option(name: .long, help: "Embedded engine data directory, used when there is no URI (env MSGSVC_DATA_DIR, default ./msgsvc-data).")
    var dataDir: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (env MSGSVC_LOG_LEVEL, default warning).")
    var logLevel: String?

    @OptionGroup var envFile: EnvFileOption

    /// What the flags and the environment say, flags first.
    func resolved(_ source: SettingsSource) throws -> (target: StoreTarget, logLevel: Logger.Level) {
        let level = try source.logLevel(logLevel, default: .warning)
        if let uri = source.uri(uri, dataDirectoryFlag: dataDir) { return (.uri(uri), level) }
        return (.dataDirectory(source.dataDirectory(dataDir)), level)
    }
}

enum StoreTarget: Equatable {
    case uri(String)
    case dataDirectory(String)
}
