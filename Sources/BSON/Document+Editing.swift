import CMongoC

extension Document {
    /// A copy without any element named `key`; the others keep their order and their exact bytes.
    public func removing(_ key: String) -> Document { replacing(key, with: nil) }

    /// A copy where the first element named `key` holds `value` in its place (or, with no such element,
    /// `value` is appended), later duplicates are dropped, and nil drops them all. Untouched elements are
    /// copied as raw bytes: libbson's own copying (bson_append_iter) re-encodes some values, such as
    /// regular expression options, which it sorts.
    public func replacing(_ key: String, with value: BSONValue?) -> Document {
        let target = ElementKey(key)
        var body: [UInt8] = []
        body.reserveCapacity(byteCount)
        var replaced = false
        withRawBytes { raw in
            let iter = HeapIterator()
            guard iter.start(storage.pointer) else { return }
            while iter.next() {
                if !target.matches(iter.pointer) {
                    let start = Int(cmongoc_iter_offset(iter.pointer))
                    let end = Int(cmongoc_iter_next_offset(iter.pointer))
                    body.append(contentsOf: raw[start..<end])
                } else if !replaced {
                    if let value { body += Self.encodedElement(key, value) }
                    replaced = true
                }
            }
        }
        if !replaced, let value { body += Self.encodedElement(key, value) }
        return Document(elementBytes: body)
    }

    /// One element's bytes (type, key, value) as `append` would write them.
    private static func encodedElement(_ key: String, _ value: BSONValue) -> [UInt8] {
        let bytes = Document([(key, value)]).bytes
        return Array(bytes[4..<(bytes.count - 1)])
    }

    /// A document around already-encoded elements.
    private init(elementBytes body: [UInt8]) {
        let length = body.count + 5
        precondition(length <= Int(Int32.max), "BSON document grew beyond its maximum size")
        var bytes = withUnsafeBytes(of: Int32(length).littleEndian) { Array($0) }
        bytes += body
        bytes.append(0)
        guard let pointer = bytes.withUnsafeBufferPointer({ bson_new_from_data($0.baseAddress, $0.count) }) else {
            preconditionFailure("libbson refused a document header built here")
        }
        self.init(stealing: pointer)
    }
}
