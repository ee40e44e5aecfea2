import CMongoC

extension Document {
    /// Parses canonical or relaxed Extended JSON (v2) into a document. The result is held to the same
    /// rules as `init(bytes:)` (no deprecated types, valid UTF-8); libbson's parser refuses nesting deeper
    /// than 98 levels.
    public init(extendedJSON: String) throws(BSONError) {
        var error = bson_error_t()
        let utf8 = Array(extendedJSON.utf8)
        // bson_new_from_json asserts on a NULL buffer, which is what an empty array may lend.
        guard !utf8.isEmpty else { throw BSONError.invalidExtendedJSON("empty input") }
        let parsed = utf8.withUnsafeBufferPointer { bson_new_from_json($0.baseAddress, $0.count, &error) }
        guard let pointer = parsed else { throw BSONError.invalidExtendedJSON(error.messageString) }
        self.init(stealing: pointer)
        do {
            try Self.validate(pointer)
        } catch {
            throw BSONError.invalidExtendedJSON(error.description)
        }
    }

    /// Canonical Extended JSON: every type is preserved exactly (`{"$numberInt": "1"}`…).
    public var canonicalExtendedJSON: String {
        Self.takeString(bson_as_canonical_extended_json(storage.pointer, nil))
    }

    /// Relaxed Extended JSON: numbers as JSON numbers where lossless, dates as ISO-8601. For display and
    /// interchange, not for storage: int64 values that fit come back as int32, and libbson 1.23 prints
    /// dates after year 9999 as ISO text with a longer year that `init(extendedJSON:)` cannot read back.
    public var relaxedExtendedJSON: String {
        Self.takeString(bson_as_relaxed_extended_json(storage.pointer, nil))
    }

    private static func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "{ }" }
        defer { bson_free(pointer) }
        return String(cString: pointer)
    }
}
