import CMongoC

/// libmongoc's client pool (`mongoc_client_pool_t`). libmongoc makes pop and push thread-safe; this type
/// is only ever used from the client's thread pool, and destroyed once, after the last operation.
final class ConnectionPool: @unchecked Sendable {
    private let pointer: OpaquePointer

    /// `reserved` connections beyond the pool size are kept for change streams, which hold theirs for
    /// as long as they are open: operations alone can never find every connection taken.
    init(uri: MongoURI, settings: ResolvedSettings, reserved: Int = 0) throws(MongoError) {
        Mongoc.initialize()
        var error = bson_error_t()
        guard let cURI = uri.string.withCString({ mongoc_uri_new_with_error($0, &error) }) else {
            throw MongoError(.invalidURI, uri.scrub("invalid MongoDB URI \"\(uri.redacted)\": \(error.messageString)"))
        }
        defer { mongoc_uri_destroy(cURI) }
        // Settings override the URI; the pool reads both options when it is created.
        guard mongoc_uri_set_option_as_int32(cURI, MONGOC_URI_MAXPOOLSIZE, Int32(settings.poolSize + reserved)),
              mongoc_uri_set_option_as_int32(
                cURI, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, settings.serverSelectionTimeoutMS),
              mongoc_uri_set_appname(cURI, settings.appName)
        else {
            throw MongoError(.invalidSettings, "libmongoc rejected the pool settings for \(uri.redacted)")
        }
        guard let pool = mongoc_client_pool_new_with_error(cURI, &error) else {
            throw MongoError(error, reply: nil).redacting(uri)
        }
        // Version 2 reports server failures in MONGOC_ERROR_SERVER with the server's own code. It must
        // be chosen before the first pop.
        guard mongoc_client_pool_set_error_api(pool, MONGOC_ERROR_API_VERSION_2) else {
            mongoc_client_pool_destroy(pool)
            throw MongoError(.invalidSettings, "libmongoc refused error API version 2")
        }
        pointer = pool
    }

    /// Lends a pooled connection to `body` and returns it to the pool afterwards. Blocks while all are in
    /// use, which is why it is only called on the thread pool.
    func withClient<T>(_ body: (OpaquePointer) -> T) -> T {
        // Never NULL: pop waits for a free client or creates one (libmongoc asserts that creation works).
        let client = mongoc_client_pool_pop(pointer)!
        defer { mongoc_client_pool_push(pointer, client) }
        return body(client)
    }

    /// Takes a pooled connection for longer than one job (a change stream); give it back with `push`.
    func pop() -> OpaquePointer {
        mongoc_client_pool_pop(pointer)!
    }

    func push(_ client: OpaquePointer) {
        mongoc_client_pool_push(pointer, client)
    }

    /// Closes every connection and stops monitoring. Blocks; no connection may be out.
    func destroy() {
        mongoc_client_pool_destroy(pointer)
    }
}
