import CoreMetrics
import Hummingbird

/// Export and import of a whole room as NDJSON, one message object per line.
struct RoomTransferRoutes<Store: MessageStore, Context: RequestContext>: Sendable {
    static var contentType: String { "application/x-ndjson" }

    let store: Store
    let configuration: ServiceConfiguration
    /// Imported messages are stored messages too (`msgsvc_messages_stored_total`).
    let messagesStored: Counter

    var endpoints: [Endpoint<Context>] {
        [
            Endpoint(path: "/rooms/{room_id}/export", method: .get, handler: export),
            Endpoint(path: "/rooms/{room_id}/import", method: .post, handler: importLines),
        ]
    }

    /// 200 `application/x-ndjson`: every message of the room in seq order, tombstones included, streamed
    /// page by page (`RoomExport`). The first page is read before the head is sent, so an unreachable
    /// store is still a 503; a failure later cuts the body short (no final chunk), which clients see as
    /// an incomplete transfer rather than a complete export.
    @Sendable func export(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryParameters.parse(request.uri.query, allowed: [])
        let export = try RoomExport(store: store, roomID: try PathParameters.roomID(context))
        let first = try await export.firstPage()
        return Response(status: .ok, headers: [.contentType: Self.contentType], body: ResponseBody { writer in
            try await export.run(from: first) { lines, _ in try await writer.write(lines) }
            try await writer.finish(nil)
        })
    }

    /// 200 `{"imported", "existing", "failed": [{"line", "error"}]}` for an NDJSON body read as it arrives
    /// (`RoomImport`). 413 when the body declares or reaches more than `maxImportBytes` (the batches before
    /// that point are stored: the message says how far it got), 415 unless it is labelled NDJSON, 400 for a
    /// bad room or any query parameter; a bad line is reported in `failed`, never the whole request.
    @Sendable func importLines(_ request: Request, context: Context) async throws -> Response {
        let limit = configuration.maxImportBytes
        try RequestBodyReader.refuseDeclaredLength(of: request, over: limit)
        do {
            try JSONMediaType.check(request.headers[values: .contentType], subtypes: JSONMediaType.ndjsonSubtypes)
        } catch {
            switch error {
            case .charset, .several: throw MessageServiceError.unsupportedMediaType(error.description)
            case .missing, .malformed, .notJSON:
                throw MessageServiceError.unsupportedMediaType("Content-Type must be \(Self.contentType)")
            }
        }
        _ = try QueryParameters.parse(request.uri.query, allowed: [])
        let importer = try RoomImport(store: store, roomID: try PathParameters.roomID(context),
                                  maxContentBytes: configuration.maxContentBytes)
        do {
            let report = try await importer.run(ClientBodyChunks(body: request.body), maxBytes: limit)
            messagesStored.increment(by: report.imported)
            return JSONResponse.make(.ok, report.json)
        } catch RoomImport<Store>.Stop.tooLarge(let limit, let report) {
            messagesStored.increment(by: report.imported)
            throw MessageServiceError(
                .payloadTooLarge,
                "request body is larger than \(limit) bytes; stopped after \(report.linesDone) lines (\(report.imported) "
                    + "imported, \(report.existing) existing, \(report.linesDone - report.imported - report.existing) failed); "
                    + "importing the same lines again stores none of them twice")
        }
    }
}
