import BSON
import FuzzSupport
import WireProtocol

/// Turns one fuzzed document into the wire message a driver would send for it. The document is kept as it
/// is except for what makes it reachable: a `$db` when it has none, a real cursor id for `getMore: 0`, and
/// the `documents` array moved into a kind-1 section when the input asks for that.
struct CommandRequestBuilder {
    static let defaultDatabase = "fuzz"

    let name: String
    let body: Document
    let sequences: [DocumentSequence]
    let options: CommandInput.Options

    init(command: Document, options: CommandInput.Options, openCursor: Int64) {
        name = command.keys.first ?? ""
        self.options = options
        var body = command
        if name == "getMore", openCursor != 0, let id = body[name]?.integerValue, id == 0 {
            body[name] = .int64(openCursor)
        }
        var sequences: [DocumentSequence] = []
        if options.contains(.documentSequence), case .array(let items)? = body["documents"] {
            let documents = items.compactMap(\.documentValue)
            if documents.count == items.count {
                body = body.removing("documents")
                sequences.append(DocumentSequence(identifier: "documents", documents: documents))
            }
        }
        if body["$db"] == nil { body.append("$db", .string(Self.defaultDatabase)) }
        self.body = body
        self.sequences = sequences
    }

    /// False for OP_MSG with moreToCome, which the engine must not answer.
    var expectsReply: Bool { options.contains(.opQuery) || !options.contains(.moreToCome) }

    func message(requestID: Int32) -> WireMessage {
        if options.contains(.opQuery) {
            let database = body["$db"]?.stringValue ?? Self.defaultDatabase
            let query = OpQuery(fullCollectionName: "\(database).$cmd", query: body.removing("$db"))
            return WireMessage(requestID: requestID, payload: .query(query))
        }
        var flags: OpMsgFlags = []
        if options.contains(.checksum) { flags.insert(.checksumPresent) }
        if options.contains(.moreToCome) { flags.insert(.moreToCome) }
        return WireMessage(requestID: requestID, payload: .msg(OpMsg(flags: flags, body: body, sequences: sequences)))
    }
}
