import BSON
import Foundation

/// A command being answered right now, as `currentOp` lists it.
struct InProgressOperation: Sendable {
    let opid: Int32
    let connectionID: Int
    let client: String?
    let command: Document
    let database: String
    let started: ContinuousClock.Instant

    /// The collection a command names in its first field, or `$cmd` for the others, as mongod shows `ns`.
    var namespace: String {
        if let collection = command.elements.first?.value.stringValue { return "\(database).\(collection)" }
        return "\(database).$cmd"
    }

    func document(now: ContinuousClock.Instant) -> Document {
        let running = now - started
        let micros = running.components.seconds * 1_000_000 + running.components.attoseconds / 1_000_000_000_000
        var doc: Document = [
            "type": "op", "desc": .string("conn\(connectionID)"), "connectionId": .int32(Int32(truncatingIfNeeded: connectionID)),
        ]
        if let client { doc.append("client", .string(client)) }
        doc.append("active", true)
        doc.append("currentOpTime", .string(ISO8601DateFormatter().string(from: Date())))
        doc.append("opid", .int32(opid))
        doc.append("secs_running", .int64(running.components.seconds))
        doc.append("microsecs_running", .int64(micros))
        doc.append("op", "command")
        doc.append("ns", .string(namespace))
        doc.append("command", .document(command))
        doc.append("waitingForLock", false)
        return doc
    }
}
