import CMongoC

/// What went wrong turning bytes or text into a BSON document.
public enum BSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are shorter than their length prefix says, or shorter than the minimum of 5.
    case truncated(expected: Int, actual: Int)
    /// The bytes are not a well-formed BSON document (bad length, bad type, bad terminator, bad UTF-8).
    case malformed(String)
    /// The text is not valid Extended JSON.
    case invalidExtendedJSON(String)
    /// A key cannot be stored (BSON keys are NUL-terminated C strings).

    public var description: String {
        switch self {
        case .truncated(let expected, let actual):
            "truncated BSON: length prefix says \(expected) bytes, \(actual) available"
        case .malformed(let why): "malformed BSON: \(why)"
        case .invalidExtendedJSON(let why): "invalid Extended JSON: \(why)"
        }
    }
}

extension bson_error_t {
    /// The message libbson/libmongoc wrote into the fixed-size buffer.
    public var messageString: String {
        withUnsafeBytes(of: message) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let end = bytes.firstIndex(of: 0) ?? bytes.count
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
    }
}
