import BSON
import Testing
@testable import MessageService

/// Decoding a stored message in one pass over its bytes keeps the rules of looking each key up.
@Suite struct MessageDocumentDecodingTests {
    let id = ObjectId()

    private func decode(_ document: Document) -> Message? { try? MessageDocument.decode(document) }

    @Test func roundTripsWithAndWithoutClientID() throws {
        for clientID in [nil, "c-1", ""] as [String?] {
            let message = Message(id: id, roomID: "r", sender: "s\u{0}x", content: "é😀\"", timestamp: -5, clientID: clientID,
                                  seq: 3, change: 9)
            #expect(try MessageDocument.decode(MessageDocument.encode(message)) == message)
        }
    }

    @Test func roundTripsEditedAndDeleted() throws {
        let edited = Message(id: id, roomID: "r", sender: "s", content: "new", timestamp: 5, clientID: "k",
                             seq: 1, change: 4, editedAt: 8)
        #expect(try MessageDocument.decode(MessageDocument.encode(edited)) == edited)
        let tombstone = edited.tombstone(change: 5, at: 9)
        let stored = MessageDocument.encode(tombstone)
        #expect(stored["content"] == nil, "a tombstone keeps nothing of what was said")
        #expect(try MessageDocument.decode(stored) == tombstone)
    }

    @Test func orderDoesNotMatterAndTheFirstOfDuplicatesCounts() throws {
        let document: Document = [
            "content": "c", "x": 1, "timestamp": .datetime(7), "sender": "s", "room_id": "r", "_id": .objectId(id),
            "content": 5, "_id": "not an id", "client_id": "k", "client_id": 3, "change": .int64(2), "seq": .int32(1),
            "seq": "x",
        ]
        #expect(decode(document) == Message(id: id, roomID: "r", sender: "s", content: "c", timestamp: 7, clientID: "k",
                                            seq: 1, change: 2))
    }

    @Test func aMissingOrMistypedFieldIsAnError() {
        let complete: Document = ["_id": .objectId(id), "room_id": "r", "timestamp": .datetime(1), "sender": "s", "content": "c",
                                  "seq": .int64(1), "change": .int64(1)]
        #expect(decode(complete) != nil)
        for key in ["_id", "room_id", "timestamp", "sender", "content", "seq", "change"] {
            #expect(decode(complete.removing(key)) == nil, "without \(key)")
            var mistyped = complete
            mistyped[key] = key == "seq" || key == "change" ? "1" : .int32(1)
            #expect(decode(mistyped) == nil, "\(key) mistyped")
        }
        #expect(decode(complete.appending("client_id", .null)) == nil)
        #expect(decode(complete.appending("client_id", "ok"))?.clientID == "ok")
    }
}
