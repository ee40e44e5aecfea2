/// Decides whether a request's Content-Type says JSON in UTF-8.
///
/// Accepted: `application/json` in any letter case, with optional parameters (RFC 9110 §8.3.1 syntax);
/// a `charset` parameter, if present, must be `utf-8` (quoted or not, any case).
enum JSONMediaType {
    enum Refusal: Error, Equatable, CustomStringConvertible {
        case missing
        case several
        case malformed
        case notJSON
        case charset(String)

        var description: String {
            switch self {
            case .missing: "Content-Type is required and must be application/json"
            case .several: "Content-Type must be given once"
            case .malformed: "Content-Type is malformed; expected application/json"
            case .notJSON: "Content-Type must be application/json"
            case .charset(let name): "charset \(ClientText.quoted(name)) is not supported; use utf-8"
            }
        }
    }

    /// Made once: a default argument literal would build and hash a new set on every POST and PATCH.
    static let jsonSubtypes: Set<String> = ["json"]
    /// The NDJSON media types an import accepts (the registered name and its common alias).
    static let ndjsonSubtypes: Set<String> = ["x-ndjson", "ndjson"]

    /// `values`: every Content-Type field of the request. `subtypes`: the lowercase `application/…`
    /// subtypes accepted (NDJSON bodies follow the same rules with their own).
    static func check(_ values: [String], subtypes: Set<String> = jsonSubtypes) throws(Refusal) {
        guard let value = values.first else { throw .missing }
        guard values.count == 1 else { throw .several }
        var reader = Reader(Array(value.utf8))
        reader.skipWhitespace()
        guard let type = reader.token(), reader.consume(UInt8(ascii: "/")), let subtype = reader.token() else {
            throw .malformed
        }
        guard lowercased(type) == "application", subtypes.contains(lowercased(subtype)) else { throw .notJSON }
        while true {
            reader.skipWhitespace()
            if reader.atEnd { return }
            guard reader.consume(UInt8(ascii: ";")) else { throw .malformed }
            reader.skipWhitespace()
            // RFC 9110 allows an empty parameter, as in "application/json;".
            if reader.atEnd || reader.peek == UInt8(ascii: ";") { continue }
            guard let name = reader.token(), reader.consume(UInt8(ascii: "=")), let parameterValue = reader.tokenOrQuoted()
            else { throw .malformed }
            if lowercased(name) == "charset", lowercased(parameterValue) != "utf-8" {
                throw .charset(String(decoding: parameterValue, as: UTF8.self))
            }
        }
    }

    private static func lowercased(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).lowercased()
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        mutating func skipWhitespace() {
            while peek == 0x20 || peek == 0x09 { index += 1 }
        }

        mutating func token() -> [UInt8]? {
            let start = index
            while let byte = peek, Self.isTokenByte(byte) { index += 1 }
            return index > start ? Array(bytes[start..<index]) : nil
        }

        mutating func tokenOrQuoted() -> [UInt8]? {
            guard consume(UInt8(ascii: "\"")) else { return token() }
            var out: [UInt8] = []
            while let byte = peek {
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return out
                case UInt8(ascii: "\\"):
                    guard let escaped = peek else { return nil }
                    out.append(escaped)
                    index += 1
                default: out.append(byte)
                }
            }
            return nil  // unterminated
        }

        /// tchar of RFC 9110 §5.6.2.
        static func isTokenByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
            }
        }
    }
}
