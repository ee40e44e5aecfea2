import CMongoC

/// A collection's full name: database and collection.
public struct Namespace: Sendable, Hashable, CustomStringConvertible {
    public let database: String
    public let collection: String

    public init(database: String, collection: String) {
        self.database = database
        self.collection = collection
    }

    public var description: String { "\(database).\(collection)" }

    /// Lends libmongoc's handle on this collection, for one operation on `client`.
    func withCollection<T>(
        on client: OpaquePointer, _ body: (OpaquePointer) throws(MongoError) -> T
    ) throws(MongoError) -> T {
        try Self.checkName(database, "database")
        try Self.checkName(collection, "collection")
        let handle = mongoc_client_get_collection(client, database, collection)!
        defer { mongoc_collection_destroy(handle) }
        return try body(handle)
    }

    /// Rejects names that C strings would silently shorten or that no server accepts.
    static func checkName(_ name: String, _ what: String) throws(MongoError) {
        guard !name.isEmpty, !name.utf8.contains(0) else {
            throw MongoError(.invalidArgument, "\(what) name \(name.debugDescription) is empty or contains NUL")
        }
    }
}
