import BSON

/// Reads back a document row the engine wrote. Every document was fully validated when it came in over
/// the wire, so a read checks only the frame (length prefix and terminator, O(1)) before one copy out
/// of SQLite's page: no second walk of every element, no intermediate array.
enum StoredDocument {
    static func read(_ bytes: UnsafeRawBufferPointer) throws(EngineStorageError) -> Document {
        guard bytes.count >= 5,
              Int(Int32(littleEndian: bytes.loadUnaligned(as: Int32.self))) == bytes.count,
              bytes[bytes.count - 1] == 0
        else { throw .corruptDocument(byteCount: bytes.count) }
        return Document(trusting: bytes)
    }
}
