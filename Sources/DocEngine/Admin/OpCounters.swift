import BSON

/// MongoDB's `opcounters`: inserts count documents, updates and deletes count statements, `find` and
/// `aggregate` count as queries, `getMore` as getmore, and every other command as a command.
struct OpCounters: Sendable {
    var insert: Int64 = 0
    var query: Int64 = 0
    var update: Int64 = 0
    var delete: Int64 = 0
    var getmore: Int64 = 0
    var command: Int64 = 0

    /// Counts one command as it arrives (failed ones too, as mongod does).
    mutating func record(command name: String, body: Document, sequences: [String: [Document]]) {
        switch name {
        case "insert": insert += Self.statements("documents", body, sequences)
        case "update": update += Self.statements("updates", body, sequences)
        case "delete": delete += Self.statements("deletes", body, sequences)
        case "find", "aggregate": query += 1
        case "getMore": getmore += 1
        default: command += 1
        }
    }

    /// The statements of a write: its kind-1 sequence plus its body array, counted without decoding a
    /// document (this runs for every write, before the command itself reads them).
    private static func statements(_ field: StaticString, _ body: Document, _ sequences: [String: [Document]]) -> Int64 {
        var count = Int64(sequences["\(field)"]?.count ?? 0)
        _ = body.withView { view in
            view.forEachElement { element in
                guard element.keyEquals(field) else { return true }
                if element.type == 0x04 {  // an array
                    BSONView(unsafeBytes: element.value).forEachElement { _ in count += 1; return true }
                }
                return false
            }
        }
        return count
    }

    var document: Document {
        ["insert": .int64(insert), "query": .int64(query), "update": .int64(update), "delete": .int64(delete),
         "getmore": .int64(getmore), "command": .int64(command)]
    }
}
