/// A JSON parser (RFC 8259) that refuses everything a lenient one would quietly accept: invalid UTF-8,
/// unpaired surrogate escapes, duplicate object keys, a byte-order mark, trailing content.
///
/// Nesting is bounded by `maxDepth`, so hostile input cannot exhaust the stack.
struct StrictJSONParser {
    static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = StrictJSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 1)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error(.trailingContent) }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek() else { throw error(.unexpectedEnd) }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(String(decoding: try parseString(), as: UTF8.self))
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error(.unexpectedByte(byte))
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error(.tooDeep(maxDepth: Self.maxDepth)) }
        index += 1  // {
        var members: [JSONValue.Member] = []
        // Keys compare as unescaped bytes: "a" and "\u0061" are the same key, "é" and "e\u0301" are not.
        var seenKeys: Set<[UInt8]> = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw unexpected() }
            let keyOffset = index
            let keyBytes = try parseString()
            let key = String(decoding: keyBytes, as: UTF8.self)
            guard seenKeys.insert(keyBytes).inserted else {
                throw JSONSyntaxError(reason: .duplicateKey(key), offset: keyOffset)
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            members.append(.init(key: key, value: try parseValue(depth: depth + 1)))
            skipWhitespace()
            if try endOfContainer(closing: UInt8(ascii: "}")) { return .object(members) }
            skipWhitespace()
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error(.tooDeep(maxDepth: Self.maxDepth)) }
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if try endOfContainer(closing: UInt8(ascii: "]")) { return .array(elements) }
            skipWhitespace()
        }
    }

    /// After a member or element: consumes `,` (more follow) or the closing bracket (true).
    private mutating func endOfContainer(closing: UInt8) throws(JSONSyntaxError) -> Bool {
        switch peek() {
        case UInt8(ascii: ","): index += 1; return false
        case closing: index += 1; return true
        default: throw unexpected()
        }
    }

    /// Returns the string's unescaped contents as well-formed UTF-8.
    private mutating func parseString() throws(JSONSyntaxError) -> [UInt8] {
        index += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error(.unexpectedEnd) }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return out
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0x00..<0x20:
                throw error(.unescapedControlCharacter)
            case 0x20..<0x80:
                out.append(byte)
                index += 1
            default:
                guard let length = UTF8Scalar.sequenceLength(in: bytes, at: index) else { throw error(.invalidUTF8) }
                out.append(contentsOf: bytes[index..<index + length])
                index += length
            }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(JSONSyntaxError) {
        let start = index
        index += 1  // backslash
        guard let byte = peek() else { throw error(.unexpectedEnd) }
        index += 1
        let simple: UInt8? =
            switch byte {
            case UInt8(ascii: "\""): 0x22
            case UInt8(ascii: "\\"): 0x5C
            case UInt8(ascii: "/"): 0x2F
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            out.append(simple)
            return
        }
        guard byte == UInt8(ascii: "u") else { throw JSONSyntaxError(reason: .invalidEscape, offset: start) }
        let unit = try parseHexQuad()
        let scalarValue: UInt32
        switch unit {
        case 0xD800...0xDBFF:
            // A high surrogate must be followed at once by an escaped low surrogate.
            guard peek() == UInt8(ascii: "\\"), peek(at: index + 1) == UInt8(ascii: "u") else {
                throw JSONSyntaxError(reason: .loneSurrogate, offset: start)
            }
            index += 2
            let low = try parseHexQuad()
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONSyntaxError(reason: .loneSurrogate, offset: start) }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        case 0xDC00...0xDFFF:
            throw JSONSyntaxError(reason: .loneSurrogate, offset: start)
        default:
            scalarValue = UInt32(unit)
        }
        // Cannot fail: surrogates were handled above and the value is at most U+10FFFF.
        guard let scalar = Unicode.Scalar(scalarValue) else { throw JSONSyntaxError(reason: .invalidEscape, offset: start) }
        UTF8Scalar.append(scalar, to: &out)
    }

    private mutating func parseHexQuad() throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw error(.unexpectedEnd) }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidEscape)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`, returned as its source text.
    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else {
            guard skipDigits() > 0 else { throw error(.invalidNumber) }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() > 0 else { throw error(.invalidNumber) }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw error(.invalidNumber) }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipDigits() -> Int {
        let start = index
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONSyntaxError) {
        let start = index
        for expected in literal.utf8 {
            guard peek() == expected else {
                throw JSONSyntaxError(reason: peek() == nil ? .unexpectedEnd : .unexpectedByte(bytes[index]), offset: start)
            }
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        guard peek() == byte else { throw unexpected() }
        index += 1
    }

    /// JSON whitespace is exactly space, tab, line feed and carriage return.
    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private func peek() -> UInt8? { peek(at: index) }

    private func peek(at position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private func error(_ reason: JSONSyntaxError.Reason) -> JSONSyntaxError {
        JSONSyntaxError(reason: reason, offset: index)
    }

    /// The error for whatever sits at the current position when it is not what the grammar allows.
    private func unexpected() -> JSONSyntaxError {
        error(peek().map { .unexpectedByte($0) } ?? .unexpectedEnd)
    }
}
