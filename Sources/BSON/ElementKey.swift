import CMongoC

extension Document {
    /// A key as BSON stores it: a C string, so it ends at its first NUL. Appending, replacing and looking up
    /// all cut keys there, so they agree with one another on a key like "a\u{0}b" (it is "a").
    struct ElementKey {
        let utf8: [UInt8]

        init(_ key: some StringProtocol) { utf8 = Array(key.utf8.prefix { $0 != 0 }) }

        /// Whether the element under `iter` has exactly this key. Compares lengths first, so it never reads
        /// past the end of a shorter key (bson_iter_find_w_len can).
        func matches(_ iter: OpaquePointer) -> Bool {
            let length = Int(bson_iter_key_len(iter))
            guard length == utf8.count else { return false }
            guard length > 0 else { return true }
            return utf8.withUnsafeBytes { memcmp($0.baseAddress!, bson_iter_key(iter), length) == 0 }
        }
    }
}
