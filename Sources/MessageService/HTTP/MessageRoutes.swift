import Hummingbird
import Metrics

/// The message endpoints, over any `MessageStore`.
struct MessageRoutes<Store: MessageStore, Context: RequestContext>: Sendable {
    let store: Store
    let configuration: ServiceConfiguration
    /// Counts messages created (not a retry answered with its original).
    let messagesStored: Counter

    var endpoints: [Endpoint<Context>] {
        [
            Endpoint(path: "/rooms/{room_id}/messages", method: .post, handler: create),
            Endpoint(path: "/rooms/{room_id}/messages", method: .get, handler: list),
            Endpoint(path: "/rooms/{room_id}/messages/{id}", method: .get, handler: show),
            Endpoint(path: "/rooms/{room_id}/messages/{id}", method: .patch, handler: edit),
            Endpoint(path: "/rooms/{room_id}/messages/{id}", method: .delete, handler: delete),
        ]
    }

    /// POST: 201 with Location for a new message, 200 with the original for a retry with the same client_id.
    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let body = try await jsonBody(request)
        let roomID = try PathParameters.roomID(context)
        let fields = try CreateMessageBody.decode(body)
        let message = try NewMessage(
            roomID: roomID, sender: fields.sender, content: fields.content, clientID: fields.clientID,
            maxContentBytes: configuration.maxContentBytes)

        switch try await store.insert(message) {
        case .created(let stored):
            messagesStored.increment()
            let location = "/rooms/\(stored.roomID)/messages/\(stored.id.hex)"
            return JSONResponse.make(.created, stored.json, headers: [.location: location])
        case .existing(let original):
            return JSONResponse.make(.ok, original.json)
        }
    }

    /// GET the collection: one page of the room's history.
    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let roomID = try PathParameters.roomID(context)
        let query = try ListMessagesQuery.parse(request.uri.query)
        if let id = query.around { return try await around(id, query: query, roomID: roomID) }
        let page = try await store.page(try query.pageRequest(roomID: roomID))
        return JSONResponse.make(.ok, page.json(roomID: roomID, echoingAfter: query.after))
    }

    /// GET one message by id.
    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryParameters.parse(request.uri.query, allowed: [])
        let roomID = try PathParameters.roomID(context)
        let id = try PathParameters.messageID(context)
        guard let message = try await store.message(roomID: roomID, id: id) else {
            throw MessageServiceError.notFound("room \"\(roomID)\" has no message \(id.hex)")
        }
        return JSONResponse.make(.ok, message.json)
    }

    /// PATCH one message's content: 200 with the message as it now is (the same content again is a no-op),
    /// 404 when the room has no such message, 409 for a tombstone.
    @Sendable func edit(_ request: Request, context: Context) async throws -> Response {
        let body = try await jsonBody(request)
        let roomID = try PathParameters.roomID(context)
        let id = try PathParameters.messageID(context)
        let fields = try EditMessageBody.decode(body)
        let edit = try MessageEdit(roomID: roomID, id: id, content: fields.content,
                                   maxContentBytes: configuration.maxContentBytes)
        guard let outcome = try await store.edit(edit) else {
            throw MessageServiceError.notFound("room \"\(roomID)\" has no message \(id.hex)")
        }
        return JSONResponse.make(.ok, outcome.message.json)
    }

    /// The body of a POST or PATCH, in the contract's precedence: 413, then 415, then 400 (no query
    /// parameters are allowed). Reading the body first is what lets a body that is both too large and
    /// mislabelled come out as 413.
    private func jsonBody(_ request: Request) async throws -> [UInt8] {
        let body = try await RequestBodyReader.read(request, limit: configuration.maxBodyBytes)
        do {
            try JSONMediaType.check(request.headers[values: .contentType])
        } catch {
            throw MessageServiceError.unsupportedMediaType(error.description)
        }
        _ = try QueryParameters.parse(request.uri.query, allowed: [])
        return body
    }

    /// DELETE one message: 200 with its tombstone, the same one when it was already deleted.
    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryParameters.parse(request.uri.query, allowed: [])
        let roomID = try PathParameters.roomID(context)
        let id = try PathParameters.messageID(context)
        guard let tombstone = try await store.delete(roomID: roomID, id: id) else {
            throw MessageServiceError.notFound("room \"\(roomID)\" has no message \(id.hex)")
        }
        return JSONResponse.make(.ok, tombstone.json)
    }
}
