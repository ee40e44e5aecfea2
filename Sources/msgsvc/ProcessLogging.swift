import ArgumentParser
import Logging
import MessageService

/// Chooses the log format for the whole process. swift-log takes one bootstrap per process, before the
/// first logger is made, so each command calls this first thing in `run()`.
enum ProcessLogging {
    static func bootstrap(_ format: LogFormat) {
        switch format {
        case .text:
            LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
        }
    }
}

extension LogFormat: ExpressibleByArgument {}
