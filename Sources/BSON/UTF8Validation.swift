/// Strict UTF-8 (RFC 3629: no overlong forms, no encoded surrogates, nothing above U+10FFFF, no truncated
/// sequences), checked the same way wherever text enters: BSON strings and keys, percent-decoded URLs.
public enum UTF8Validation {
    /// True when all of `bytes` is well-formed UTF-8. NUL bytes are allowed (BSON strings may hold them).
    public static func isWellFormed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if !bytes.contains(where: { $0 >= 0x80 }) { return true }
        let failed = transcode(
            bytes.makeIterator(), from: UTF8.self, to: UTF32.self, stoppingOnError: true, into: { _ in })
        return !failed
    }

    public static func isWellFormed(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { isWellFormed($0) }
    }
}
