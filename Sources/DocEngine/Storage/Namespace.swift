/// A `database.collection` pair, as MongoDB names collections.
struct Namespace: Sendable, Hashable, CustomStringConvertible {
    let database: String
    let collection: String

    init(database: String, collection: String) {
        self.database = database
        self.collection = collection
    }

    var description: String { "\(database).\(collection)" }
}
