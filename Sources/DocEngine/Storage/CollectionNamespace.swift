/// A `database.collection` pair, as MongoDB names collections.
struct CollectionNamespace: Sendable, Hashable, CustomStringConvertible {
    let database: String
    let collection: String

    init(database: String, collection: String) {
        self.database = database
        self.collection = collection
    }

    var description: String { "\(database).\(collection)" }
}
