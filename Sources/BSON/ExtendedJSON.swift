import CMongoC

extension Document {
    /// Parses canonical or relaxed Extended JSON (v2) into a document.
    public init(extendedJSON: String) throws {
        var error = bson_error_t()
        let pointer: OpaquePointer? = extendedJSON.utf8.withContiguousStorageIfAvailable { buf in
            bson_new_from_json(buf.baseAddress, buf.count, &error)
        } ?? Array(extendedJSON.utf8).withUnsafeBufferPointer { bson_new_from_json($0.baseAddress, $0.count, &error) }
        guard let pointer else { throw BSONError.invalidExtendedJSON(error.messageString) }
        self.init(stealing: pointer)
    }

    /// Canonical Extended JSON: every type is preserved exactly (`{"$numberInt": "1"}`…).
    public var canonicalExtendedJSON: String {
        Self.takeString(bson_as_canonical_extended_json(storage.pointer, nil))
    }

    /// Relaxed Extended JSON: numbers as JSON numbers where lossless, dates as ISO-8601.
    public var relaxedExtendedJSON: String {
        Self.takeString(bson_as_relaxed_extended_json(storage.pointer, nil))
    }

    private static func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "{ }" }
        defer { bson_free(pointer) }
        return String(cString: pointer)
    }
}
