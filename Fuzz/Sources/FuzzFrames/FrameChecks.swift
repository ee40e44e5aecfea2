import BSON
import FuzzSupport
import WireProtocol

/// What the server relies on when it decodes one frame: hostile bytes are refused with a
/// WireProtocolError (never a crash), and whatever is accepted re-encodes to bytes that decode to the same
/// message, so the encoder and decoder agree on the format.
enum FrameChecks {
    /// Small enough that the length checks against the limit are reachable with short inputs.
    static let maxMessageSize = 4096

    static func check(_ bytes: [UInt8]) {
        let message: WireMessage
        do {
            message = try WireMessage(decoding: bytes, maxMessageSize: maxMessageSize)
        } catch {
            _ = error.description
            return
        }
        readAsTheServerDoes(message)

        let encoded = message.encoded()
        // Sections may come back in another order (body first), but never with another size.
        expect(encoded.count == bytes.count, "re-encoding turned \(bytes.count) bytes into \(encoded.count)")
        do {
            let again = try WireMessage(decoding: encoded)
            expect(again == message, "the re-encoded frame decodes to a different message")
        } catch {
            expect(false, "the re-encoded frame does not decode: \(error)")
        }
    }

    /// Touches what WireConnection and the command handler read from a request.
    private static func readAsTheServerDoes(_ message: WireMessage) {
        switch message.payload {
        case .msg(let msg):
            _ = msg.body.keys.first
            _ = msg.body["$db"]?.stringValue
            for sequence in msg.sequences {
                expect(msg.body[sequence.identifier] == nil, "sequence \(sequence.identifier) shadows a body field")
                for document in sequence.documents { _ = document.elements }
            }
        case .query(let query):
            _ = query.commandDatabase
            _ = query.command.keys.first
        case .reply(let reply):
            for document in reply.documents { _ = document.elements }
        }
    }
}
