/// One libmongoc operation. `run` is called on a thread of the client's thread pool with a pooled
/// connection (`mongoc_client_t`) it may use until it returns, and must not keep.
protocol MongoOperation: Sendable {
    associatedtype Output: Sendable
    func run(on client: OpaquePointer) throws(MongoError) -> Output
}
