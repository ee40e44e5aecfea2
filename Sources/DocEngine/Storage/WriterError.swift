/// Why the writer answered a write job with failure although the job itself did nothing wrong.
enum WriterError: Error, CustomStringConvertible {
    /// SQLite rolled back the whole group transaction while job `job` (1-based) of `batch` ran. Nothing
    /// of this batch is stored; the later jobs were not run.
    case transactionRolledBack(job: Int, batch: Int)

    var description: String {
        switch self {
        case .transactionRolledBack(let job, let batch):
            "SQLite rolled back the group transaction during write job \(job) of \(batch); nothing in it was stored"
        }
    }
}
