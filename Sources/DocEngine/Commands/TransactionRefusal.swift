import BSON
import EngineQuery

/// The engine has no multi-document transactions. A command inside one must not be applied at once and
/// then "aborted" while its writes stay, so it is refused before it runs, with the answer a standalone
/// mongod gives: IllegalOperation (20). Drivers already treat that as "this deployment has no
/// transactions" (and no retryable writes), so nothing retries into a half-applied state.
enum TransactionRefusal {
    /// Fields that make a command part of a transaction (or of a retryable write, which needs the same
    /// server-side transaction table).
    static let sessionTransactionFields = ["txnNumber", "autocommit", "startTransaction"]
    /// Commands that only make sense inside a transaction.
    static let transactionCommands: Set<String> = ["commitTransaction", "abortTransaction"]

    static let message = "Transaction numbers are only allowed on a replica set member or mongos"

    /// The error to answer instead of running the command, or nil when it may run.
    static func refusal(command name: String, body: Document) -> EngineError? {
        guard transactionCommands.contains(name)
            || sessionTransactionFields.contains(where: { body[$0] != nil })
        else { return nil }
        return EngineError(.illegalOperation, message)
    }
}
