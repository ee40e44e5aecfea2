/// Writes one JSON object, member by member, as UTF-8. The API's responses are small and fixed in shape,
/// so writing them directly keeps member order and escaping under our control.
struct JSONWriter {
    private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var isEmpty = true

    mutating func string(_ key: String, _ value: String) {
        member(key)
        Self.appendQuoted(value, to: &bytes)
    }

    /// Writes `null` for nil: for members the contract always includes.
    mutating func stringOrNull(_ key: String, _ value: String?) {
        member(key)
        if let value { Self.appendQuoted(value, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    mutating func bool(_ key: String, _ value: Bool) {
        member(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func object(_ key: String, _ value: JSONWriter) {
        member(key)
        bytes.append(contentsOf: value.finished())
    }

    mutating func array(_ key: String, _ elements: [JSONWriter]) {
        member(key)
        bytes.append(UInt8(ascii: "["))
        for (position, element) in elements.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: element.finished())
        }
        bytes.append(UInt8(ascii: "]"))
    }

    func finished() -> [UInt8] { bytes + [UInt8(ascii: "}")] }

    private mutating func member(_ key: String) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        Self.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Escapes only what JSON requires (quote, backslash, controls below U+0020); everything else is UTF-8 as is.
    static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x00..<0x20: out.append(contentsOf: #"\u00"#.utf8 + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
