import BSON
/// Percent-decoding (RFC 3986 §2.1) of path segments and query components into UTF-8 text.
enum PercentDecoding {
    /// Nil when a `%` is not followed by two hex digits or the decoded bytes are not UTF-8.
    /// `plusIsSpace` applies the form-encoding rule used in query strings.
    static func decode(_ encoded: Substring, plusIsSpace: Bool) -> String? {
        let input = Array(encoded.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            switch input[index] {
            case UInt8(ascii: "%"):
                guard index + 2 < input.count, let high = HexDigit.value(input[index + 1]), let low = HexDigit.value(input[index + 2])
                else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
                index += 1
            case let byte:
                bytes.append(byte)
                index += 1
            }
        }
        guard UTF8Validation.isWellFormed(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
