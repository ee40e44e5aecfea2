import CMongoC

extension Document {
    /// Copies bytes that were validated when they entered the process, such as a document the engine
    /// validated on the wire and stored itself. One allocation and one copy; no second validation, which
    /// is what a storage engine reading back its own rows can afford (SQLite and WiredTiger do the same).
    /// The caller vouches for the bytes: a well-formed length prefix and terminator at the very least.
    public init(trusting bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 5, let base = bytes.baseAddress,
              let pointer = bson_new_from_data(base.assumingMemoryBound(to: UInt8.self), bytes.count)
        else {
            preconditionFailure("Document(trusting:) was given \(bytes.count) bytes that are not a document")
        }
        self.init(stealing: pointer)
    }

    /// Lends the document's BSON bytes without copying them. Do not keep the pointer.
    public func withUnsafeBSONBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withRawBytes(body)
    }
}
