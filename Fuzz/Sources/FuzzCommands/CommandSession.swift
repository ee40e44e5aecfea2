import BSON
import FuzzSupport
import WireProtocol

/// Plays inputs against the engine over one long-lived connection, checking what the engine promises any
/// client: every well-formed request is answered with a well-formed reply carrying `ok`, hostile bytes
/// close only their own connection, and the engine keeps serving.
final class CommandSession {
    /// Commands that may leave data behind; after an input that sent one, every database is dropped so the
    /// next input starts from an empty engine (and a saved crash input replays the same way).
    static let writingCommands: Set<String> = [
        "create", "drop", "dropDatabase", "insert", "createIndexes", "dropIndexes", "deleteIndexes",
    ]

    let engine: EngineUnderTest
    private var connection: WireSocket
    private var requestID: Int32 = 0
    /// The latest cursor a reply left open, so that `getMore: 0` in an input can follow it (the fuzzer
    /// cannot guess cursor ids).
    private var openCursor: Int64 = 0

    init(engine: EngineUnderTest) throws {
        self.engine = engine
        connection = try WireSocket(path: engine.socketPath)
    }

    func run(_ input: CommandInput) {
        if input.options.contains(.raw) {
            sendRaw(input.raw)
            expectAlive(after: "raw bytes on another connection")
            // The bytes may well have held valid writes.
            dropEverything()
            return
        }
        var wrote = false
        for command in input.commands {
            let name = command.keys.first ?? ""
            wrote = wrote || Self.writingCommands.contains(name)
            send(command, options: input.options)
        }
        if input.options.contains(.moreToCome) { expectAlive(after: "commands sent with moreToCome") }
        if wrote { dropEverything() }
        openCursor = 0
    }

    // MARK: Commands

    private func send(_ command: Document, options: CommandInput.Options) {
        let request = CommandRequestBuilder(command: command, options: options, openCursor: openCursor)
        requestID &+= 1
        let message = request.message(requestID: requestID)
        do {
            try connection.send(message.encoded())
        } catch {
            expect(false, "sending \(request.name) failed: \(error)")
        }
        guard request.expectsReply else { return }
        let reply = receiveReply(to: message, name: request.name)
        if case .document(let cursor)? = reply["cursor"], case .int64(let id)? = cursor["id"], id != 0 {
            openCursor = id
        }
    }

    /// Reads and checks the reply to `request`; returns its document.
    private func receiveReply(to request: WireMessage, name: String) -> Document {
        let frame: [UInt8]?
        do {
            frame = try connection.receiveFrame()
        } catch {
            expect(false, "reading the reply to \(name) failed: \(error)")
            return Document()
        }
        guard let frame else {
            expect(false, "the engine closed the connection instead of answering a well-formed \(name) request")
            return Document()
        }
        let reply: WireMessage
        do {
            reply = try WireMessage(decoding: frame)
        } catch {
            expect(false, "the reply to \(name) is not a valid frame: \(error)")
            return Document()
        }
        expect(reply.responseTo == request.requestID, "the reply to \(name) answers request \(reply.responseTo)")
        switch (request.payload, reply.payload) {
        case (.msg, .msg(let msg)):
            expect(msg.body["ok"] != nil, "the reply to \(name) has no ok field: \(msg.body)")
            return msg.body
        case (.query, .reply(let legacy)):
            expect(legacy.documents.count == 1, "the OP_REPLY to \(name) holds \(legacy.documents.count) documents")
            return legacy.documents.first ?? Document()
        default:
            expect(false, "the reply to \(name) is an \(reply.opCode), not the matching reply type")
            return Document()
        }
    }

    /// Sends a ping on the session's connection; it must be answered.
    private func expectAlive(after what: String) {
        let ping = CommandRequestBuilder(command: ["ping": 1, "$db": "admin"], options: [], openCursor: 0)
        requestID &+= 1
        let message = ping.message(requestID: requestID)
        do {
            try connection.send(message.encoded())
        } catch {
            expect(false, "the engine stopped accepting requests after \(what): \(error)")
        }
        let reply = receiveReply(to: message, name: "ping after \(what)")
        expect(reply["ok"]?.doubleValue == 1, "ping after \(what) failed: \(reply)")
    }

    private func dropEverything() {
        let list = CommandRequestBuilder(command: ["listDatabases": 1, "nameOnly": true, "$db": "admin"],
                                         options: [], openCursor: 0)
        requestID &+= 1
        let message = list.message(requestID: requestID)
        do { try connection.send(message.encoded()) } catch { expect(false, "listDatabases failed: \(error)") }
        let reply = receiveReply(to: message, name: "listDatabases")
        for case .document(let database) in reply["databases"]?.arrayValue ?? [] {
            guard let name = database["name"]?.stringValue else { continue }
            send(["dropDatabase": 1, "$db": .string(name)], options: [])
        }
    }

    // MARK: Raw bytes

    /// Writes `bytes` to a new connection and hangs up; reads whatever the engine answers until it closes.
    private func sendRaw(_ bytes: [UInt8]) {
        let raw: WireSocket
        do {
            raw = try WireSocket(path: engine.socketPath)
        } catch {
            expect(false, "cannot open a second connection: \(error)")
            return
        }
        // The engine may close the connection part-way through, so a failed send is expected.
        try? raw.send(bytes)
        raw.finishSending()
        while case .some(.some(let frame)) = try? raw.receiveFrame() {
            expect((try? WireMessage(decoding: frame)) != nil, "the engine sent an invalid frame")
        }
    }
}
