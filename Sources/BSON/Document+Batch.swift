import CMongoC

extension Document {
    /// Appends `key: [documents…]`, copying each document's bytes once, straight into this document's
    /// buffer: no intermediate array document and no `BSONValue` per element. Cursor replies carry
    /// whole batches this way.
    public mutating func append(_ key: String, documents: [Document]) {
        makeUnique()
        let parent = storage.pointer
        guard let array = cmongoc_alloc_aligned_zeroed(cmongoc_bson_size()) else {
            fatalError("out of memory allocating a bson_t")
        }
        defer { free(array) }
        let child = OpaquePointer(array)
        let ok: Bool = key.withCString { k in
            guard bson_append_array_begin(parent, k, Int32(strlen(k)), child) else { return false }
            // libbson's own table of "0"… keys avoids formatting an index per element.
            var scratch = (UInt64(0), UInt64(0), UInt64(0))
            return withUnsafeMutableBytes(of: &scratch) { buffer in
                let scratchKey = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
                for (index, document) in documents.enumerated() {
                    var indexKey: UnsafePointer<CChar>?
                    let length = bson_uint32_to_string(UInt32(index), &indexKey, scratchKey, buffer.count)
                    let appended = document.withBSONPointer { bson_append_document(child, indexKey, Int32(length), $0) }
                    guard appended else { return false }
                }
                return bson_append_array_end(parent, child)
            }
        }
        // libbson refuses only when the document would exceed INT32_MAX bytes.
        precondition(ok, "BSON document grew beyond its maximum size")
    }
}
