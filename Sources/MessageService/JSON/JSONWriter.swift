import NIOCore

/// Writes one JSON object, member by member, as UTF-8, straight into the `ByteBuffer` that becomes the
/// response body. The API's responses are small and fixed in shape, so writing them directly keeps
/// member order and escaping under our control. Nested objects (the messages of a page) are written
/// into the same buffer, so a response is built in one buffer with no copies.
struct JSONWriter {
    /// The object so far, without its closing brace.
    private(set) var buffer: ByteBuffer
    private var isEmpty = true

    /// A writer whose buffer starts with room for `capacity` bytes (it grows as needed).
    init(capacity: Int = 64) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
        buffer.writeInteger(UInt8(ascii: "{"))
    }

    mutating func string(_ key: StaticString, _ value: String) {
        member(key)
        Self.writeQuoted(value, to: &buffer)
    }

    /// Writes `null` for nil: for members the contract always includes.
    mutating func stringOrNull(_ key: StaticString, _ value: String?) {
        member(key)
        if let value { Self.writeQuoted(value, to: &buffer) } else { buffer.writeStaticString("null") }
    }

    mutating func bool(_ key: StaticString, _ value: Bool) {
        member(key)
        buffer.writeStaticString(value ? "true" : "false")
    }

    mutating func object(_ key: StaticString, _ value: JSONWriter) {
        member(key)
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
        member(key)
        buffer.writeInteger(UInt8(ascii: "["))
        // The element writer borrows this writer's buffer for each element (swapped in and out, so the
        // buffer is never shared and never copied).
        var element = JSONWriter(borrowing: ByteBuffer())
        var isFirst = true
        for item in elements {
            if !isFirst { buffer.writeInteger(UInt8(ascii: ",")) }
            isFirst = false
            buffer.writeInteger(UInt8(ascii: "{"))
            element.isEmpty = true
            swap(&element.buffer, &buffer)
            write(item, &element)
            swap(&element.buffer, &buffer)
            buffer.writeInteger(UInt8(ascii: "}"))
        }
        buffer.writeInteger(UInt8(ascii: "]"))
    }

    /// A member whose value `write` puts into the buffer itself; it must write exactly one JSON value.
    mutating func raw(_ key: StaticString, _ write: (inout ByteBuffer) -> Void) {
        member(key)
        write(&buffer)
    }

    private init(borrowing buffer: ByteBuffer) {
        self.buffer = buffer
    }

    /// The finished object's bytes.
    func finished() -> [UInt8] { Array(buffer.readableBytesView) + [UInt8(ascii: "}")] }

    /// Closes the object and hands over its buffer; the writer must not be used afterwards.
    consuming func finish() -> ByteBuffer {
        buffer.writeInteger(UInt8(ascii: "}"))
        return buffer
    }

    private mutating func member(_ key: StaticString) {
        if !isEmpty { buffer.writeInteger(UInt8(ascii: ",")) }
        isEmpty = false
        key.withUTF8Buffer { Self.writeQuoted(UnsafeRawBufferPointer($0), to: &buffer) }
        buffer.writeInteger(UInt8(ascii: ":"))
    }

    /// Escapes only what JSON requires (quote, backslash, controls below U+0020); everything else is UTF-8 as is.
    static func writeQuoted(_ value: String, to buffer: inout ByteBuffer) {
        let written: Void? = value.utf8.withContiguousStorageIfAvailable {
            writeQuoted(UnsafeRawBufferPointer($0), to: &buffer)
        }
        if written == nil {
            Array(value.utf8).withUnsafeBytes { writeQuoted($0, to: &buffer) }
        }
    }

    /// Writes `utf8` quoted: runs of bytes that need no escape are copied whole.
    static func writeQuoted(_ utf8: UnsafeRawBufferPointer, to buffer: inout ByteBuffer) {
        buffer.reserveCapacity(minimumWritableBytes: utf8.count + 2)
        buffer.writeInteger(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            if runStart < index { buffer.writeBytes(UnsafeRawBufferPointer(rebasing: utf8[runStart..<index])) }
            switch byte {
            case UInt8(ascii: "\""): buffer.writeStaticString(#"\""#)
            case UInt8(ascii: "\\"): buffer.writeStaticString(#"\\"#)
            case 0x0A: buffer.writeStaticString(#"\n"#)
            case 0x0D: buffer.writeStaticString(#"\r"#)
            case 0x09: buffer.writeStaticString(#"\t"#)
            default:
                buffer.writeStaticString(#"\u00"#)
                buffer.writeInteger(hexDigit(byte >> 4))
                buffer.writeInteger(hexDigit(byte & 0xF))
            }
            index += 1
            runStart = index
        }
        if runStart < utf8.count { buffer.writeBytes(UnsafeRawBufferPointer(rebasing: utf8[runStart...])) }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    /// The lowercase hex digit for `value` (0–15).
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

}
