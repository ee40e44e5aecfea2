import Logging

/// The import command's settings, each from its flag, else the environment, else its default, read as
/// `serve` reads the same settings (`SettingsSource`): a content limit the service accepts, the import
/// accepts too.
struct ImportSettings {
    var target: StoreTarget
    var logLevel: Logger.Level
    var maxContentBytes: Int

    init(command: ImportCommand, environment: [String: String]) throws {
        let source = SettingsSource(environment: environment)
        (target, logLevel) = try command.storeOptions.resolved(source)
        maxContentBytes = try source.maxContentBytes(command.maxContentBytes)
    }
}
