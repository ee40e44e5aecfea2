/// Fields any command may carry that are not options of the command itself (sessions, read preference,
/// the Stable API, comments…): commands that treat every other field as an option skip these.
enum GenericArguments {
    static let names: Set<String> = [
        "$db", "lsid", "$clusterTime", "$readPreference", "readConcern", "writeConcern", "apiVersion", "apiStrict",
        "apiDeprecationErrors", "comment", "maxTimeMS", "txnNumber", "autocommit", "startTransaction",
    ]
}
