import CMongoC

extension Document {
    /// The deepest nesting of documents and arrays accepted from bytes: MongoDB's own default limit, and
    /// the deepest libbson 1.23 prints as JSON in full. Validation walks without recursion, but readers
    /// recurse. (libbson's JSON parser stops earlier, at 98 levels.)
    public static let maximumNestingDepth = 200

    /// Checks a whole document that came from outside, the root's length prefix and terminator having been
    /// checked already. libbson 1.23's bson_validate cannot be relied on for this: it accepts invalid UTF-8
    /// in string values and nested documents without their terminating NUL. So this walk checks every
    /// element itself: structure (via libbson's bounds-checked iterator), nested headers and terminators,
    /// UTF-8 in keys, strings and regular expressions, nesting depth, and types `BSONValue` can carry.
    static func validate(_ bson: OpaquePointer) throws(BSONError) {
        let root = HeapIterator()
        guard root.start(bson) else { throw BSONError.malformed("document shorter than 5 bytes") }
        // One entry per open level, with the level's offset in the whole document for error messages.
        var open: [(iter: HeapIterator, base: Int)] = [(root, 0)]
        while let (current, base) = open.last.map({ ($0.iter, $0.base) }) {
            guard current.next() else {
                let errorOffset = Int(cmongoc_iter_error_offset(current.pointer))
                guard errorOffset == 0 else {
                    throw BSONError.malformed("corrupt element at byte offset \(base + errorOffset)")
                }
                open.removeLast()
                continue
            }
            let at = base + Int(cmongoc_iter_offset(current.pointer))
            let key = UnsafeRawBufferPointer(
                start: bson_iter_key(current.pointer), count: Int(bson_iter_key_len(current.pointer)))
            guard isUTF8(key) else { throw BSONError.malformed("key at byte offset \(at) is not UTF-8") }
            if let child = try checkValue(current, at: at, depth: open.count) {
                open.append((child.iter, UnsafeRawPointer(bson_get_data(bson)).distance(to: child.data)))
            }
        }
    }

    /// Checks the value under `iter`; for a document or array, returns an iterator over its elements.
    private static func checkValue(_ iter: HeapIterator, at offset: Int, depth: Int) throws(BSONError)
        -> (iter: HeapIterator, data: UnsafeRawPointer)?
    {
        // Only built when there is something to report: validation must not allocate per element.
        func what() -> String { "\(iter.key.debugDescription) (byte offset \(offset))" }
        switch iter.type {
        case BSON_TYPE_UTF8:
            var length: UInt32 = 0
            let text = bson_iter_utf8(iter.pointer, &length)
            guard isUTF8(UnsafeRawBufferPointer(start: text, count: Int(length))) else {
                throw BSONError.malformed("string at key \(what()) is not UTF-8")
            }
        case BSON_TYPE_REGEX:
            var options: UnsafePointer<CChar>?
            let pattern = bson_iter_regex(iter.pointer, &options)
            guard isUTF8(pattern), isUTF8(options) else {
                throw BSONError.malformed("regular expression at key \(what()) is not UTF-8")
            }
        case BSON_TYPE_DOCUMENT, BSON_TYPE_ARRAY:
            guard depth <= maximumNestingDepth else {
                throw BSONError.malformed("documents nested deeper than \(maximumNestingDepth) levels")
            }
            var length: UInt32 = 0
            var data: UnsafePointer<UInt8>?
            if iter.type == BSON_TYPE_DOCUMENT {
                bson_iter_document(iter.pointer, &length, &data)
            } else {
                bson_iter_array(iter.pointer, &length, &data)
            }
            // Checks the nested length prefix against the space the parent gave it, and the final NUL.
            let child = HeapIterator()
            guard let data, bson_iter_init_from_data(child.pointer, data, Int(length)) else {
                throw BSONError.malformed("nested document at key \(what()) has a bad length or terminator")
            }
            return (child, UnsafeRawPointer(data))
        case BSON_TYPE_CODE, BSON_TYPE_SYMBOL, BSON_TYPE_DBPOINTER, BSON_TYPE_CODEWSCOPE:
            let type = String(iter.type.rawValue, radix: 16)
            throw BSONError.malformed("unsupported deprecated type 0x\(type) at key \(what())")
        default:
            // Everything else has a fixed size or was checked by bson_iter_next (bool is 0 or 1, binary
            // lengths agree), and unknown type bytes stop the iteration as corrupt.
            break
        }
        return nil
    }

    private static func isUTF8(_ string: UnsafePointer<CChar>?) -> Bool {
        guard let string else { return false }
        return isUTF8(UnsafeRawBufferPointer(start: string, count: strlen(string)))
    }

    private static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool { UTF8Validation.isWellFormed(bytes) }
}
