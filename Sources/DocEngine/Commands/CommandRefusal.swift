import BSON
import EngineQuery

/// Commands MongoDB has and this engine does not run, refused with a message saying so instead of
/// "no such command". Any other unknown command stays CommandNotFound (59), as mongod answers it.
/// See docs/engine-refusals.md.
enum CommandRefusal {
    static let refused: [String: String] = [
        "mapReduce": "mapReduce is not supported by this engine; use the aggregation pipeline",
        "mapreduce": "mapReduce is not supported by this engine; use the aggregation pipeline",
        "convertToCapped": "capped collections are not supported by this engine",
        "cloneCollectionAsCapped": "capped collections are not supported by this engine",
    ]

    static func refusal(command: String) -> EngineError? {
        refused[command].map { EngineError(.commandNotSupported, $0) }
    }
}
