/// A `database.collection` pair, as MongoDB names collections.
public struct Namespace: Sendable, Hashable, CustomStringConvertible {
    public let database: String
    public let collection: String

    public init(database: String, collection: String) {
        self.database = database
        self.collection = collection
    }

    public var description: String { "\(database).\(collection)" }
}
