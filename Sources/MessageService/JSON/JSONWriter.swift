import BSON
import NIOCore

/// Writes one JSON object, member by member, as UTF-8, straight into the `ByteBuffer` that becomes the
/// response body. The API's responses are small and fixed in shape, so writing them directly keeps
/// member order and escaping under our control. Nested objects (the messages of a page) are written
/// into the same buffer, so a response is built in one buffer with no copies. Each member is one
/// reservation and one write into the buffer.
struct JSONWriter {
    /// The object so far, without its closing brace.
    private(set) var buffer: ByteBuffer
    private var isEmpty = true

    /// A writer whose buffer starts with room for `capacity` bytes (it grows as needed).
    init(capacity: Int = 64) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
        buffer.writeInteger(UInt8(ascii: "{"))
    }

    private init(borrowing buffer: ByteBuffer) {
        self.buffer = buffer
    }

    mutating func string(_ key: StaticString, _ value: String) {
        Self.withUTF8(value) { value in
            member(key, valueCount: Self.quotedCount(value)) { out, offset in Self.writeQuoted(value, to: out, at: offset) }
        }
    }

    /// Writes `null` for nil: for members the contract always includes.
    mutating func stringOrNull(_ key: StaticString, _ value: String?) {
        if let value { string(key, value) } else { literal(key, "null") }
    }

    /// A decimal integer.
    mutating func integer(_ key: StaticString, _ value: Int64) {
        // At most 20 characters: a sign and 19 digits.
        member(key, valueCount: 20) { out, offset in
            var digits = value.magnitude
            var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
            return withUnsafeMutableBytes(of: &scratch) { reversed in
                var count = 0
                repeat {
                    reversed[count] = UInt8(ascii: "0") + UInt8(digits % 10)
                    digits /= 10
                    count += 1
                } while digits > 0
                var position = offset
                if value < 0 {
                    out[position] = UInt8(ascii: "-")
                    position += 1
                }
                for index in stride(from: count - 1, through: 0, by: -1) {
                    out[position] = reversed[index]
                    position += 1
                }
                return position
            }
        }
    }

    mutating func bool(_ key: StaticString, _ value: Bool) {
        literal(key, value ? "true" : "false")
    }

    mutating func object(_ key: StaticString, _ value: JSONWriter) {
        literal(key, "")
        var inner = value.buffer
        buffer.writeBuffer(&inner)
        buffer.writeInteger(UInt8(ascii: "}"))
    }

    mutating func array(_ key: StaticString, _ elements: [JSONWriter]) {
        array(key, of: elements) { element, writer in
            var inner = element.buffer
            // The element's opening brace is already in `writer`.
            inner.moveReaderIndex(forwardBy: 1)
            writer.buffer.writeBuffer(&inner)
            writer.isEmpty = element.isEmpty
        }
    }

    /// An array of objects, each written by `write` directly into this writer's buffer.
    mutating func array<Elements: Collection>(
        _ key: StaticString, of elements: Elements, _ write: (Elements.Element, inout JSONWriter) -> Void
    ) {
        literal(key, "[")
        // The element writer borrows this writer's buffer for each element (swapped in and out, so the
        // buffer is never shared and never copied).
        var element = JSONWriter(borrowing: ByteBuffer())
        var isFirst = true
        for item in elements {
            buffer.writeStaticString(isFirst ? "{" : ",{")
            isFirst = false
            element.isEmpty = true
            swap(&element.buffer, &buffer)
            write(item, &element)
            swap(&element.buffer, &buffer)
            buffer.writeInteger(UInt8(ascii: "}"))
        }
        buffer.writeInteger(UInt8(ascii: "]"))
    }

    /// A member whose value `write` puts into `out` at `offset` (with room for `valueCount` bytes),
    /// returning the offset after it. The value must be exactly one JSON value.
    mutating func member(
        _ key: StaticString, valueCount: Int, _ write: (UnsafeMutableRawBufferPointer, Int) -> Int
    ) {
        let separator = !isEmpty
        isEmpty = false
        key.withUTF8Buffer { key in
            let key = UnsafeRawBufferPointer(key)
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 2 + Self.quotedCount(key) + valueCount) { out in
                var offset = 0
                if separator {
                    out[0] = UInt8(ascii: ",")
                    offset = 1
                }
                offset = Self.writeQuoted(key, to: out, at: offset)
                out[offset] = UInt8(ascii: ":")
                return write(out, offset + 1)
            }
        }
    }

    /// A member whose value is `text`, as it is (a literal, or the start of a value written next).
    private mutating func literal(_ key: StaticString, _ text: StaticString) {
        text.withUTF8Buffer { text in
            member(key, valueCount: text.count) { out, offset in
                UnsafeMutableRawBufferPointer(rebasing: out[offset..<(offset + text.count)])
                    .copyMemory(from: UnsafeRawBufferPointer(text))
                return offset + text.count
            }
        }
    }

    /// The finished object's bytes.
    func finished() -> [UInt8] { Array(buffer.readableBytesView) + [UInt8(ascii: "}")] }

    /// Closes the object and hands over its buffer; the writer must not be used afterwards.
    consuming func finish() -> ByteBuffer {
        buffer.writeInteger(UInt8(ascii: "}"))
        return buffer
    }

    /// Lends a string's UTF-8 bytes: its own storage when contiguous, else a copy.
    static func withUTF8<R>(_ value: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let result = value.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(value.utf8).withUnsafeBytes(body)
    }

    /// Escapes only what JSON requires (quote, backslash, controls below U+0020); everything else is UTF-8 as is.
    static func writeQuoted(_ value: String, to buffer: inout ByteBuffer) {
        withUTF8(value) { writeQuoted($0, to: &buffer) }
    }

    static func writeQuoted(_ utf8: UnsafeRawBufferPointer, to buffer: inout ByteBuffer) {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: quotedCount(utf8)) { out in
            writeQuoted(utf8, to: out, at: 0)
        }
    }

    /// How many bytes `utf8` takes quoted and escaped.
    static func quotedCount(_ utf8: UnsafeRawBufferPointer) -> Int {
        var count = utf8.count + 2
        for byte in utf8 where needsEscape(byte) {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09: count += 1
            default: count += 5
            }
        }
        return count
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Writes `utf8` quoted and escaped into `out` at `offset` (room for `quotedCount` bytes) and returns
    /// the offset after it. Runs of bytes that need no escape are copied whole.
    static func writeQuoted(_ utf8: UnsafeRawBufferPointer, to out: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        var offset = offset
        func put(_ byte: UInt8) {
            out[offset] = byte
            offset += 1
        }
        func copy(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            UnsafeMutableRawBufferPointer(rebasing: out[offset..<(offset + range.count)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: utf8[range]))
            offset += range.count
        }
        put(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<utf8.count where needsEscape(utf8[index]) {
            let byte = utf8[index]
            copy(runStart..<index)
            runStart = index + 1
            put(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
            case 0x0A: put(UInt8(ascii: "n"))
            case 0x0D: put(UInt8(ascii: "r"))
            case 0x09: put(UInt8(ascii: "t"))
            default:
                put(UInt8(ascii: "u"))
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "0"))
                put(HexDigit.lowercase(byte >> 4))
                put(HexDigit.lowercase(byte & 0xF))
            }
        }
        copy(runStart..<utf8.count)
        put(UInt8(ascii: "\""))
        return offset
    }
}
