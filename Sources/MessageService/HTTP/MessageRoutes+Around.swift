import BSON
import Hummingbird

extension MessageRoutes {
    /// GET the collection with `around`: the message and its neighbours, 404 when the room has no such
    /// message.
    func around(_ id: ObjectId, query: ListMessagesQuery, roomID: String) async throws -> Response {
        guard let page = try await store.around(roomID: roomID, id: id, limit: query.limit, sender: query.sender) else {
            let by = query.sender.map { " from sender \(ClientText.quoted($0))" } ?? ""
            throw MessageServiceError.notFound("room \"\(roomID)\" has no message \(id.hex)\(by)")
        }
        return JSONResponse.make(.ok, page.json(roomID: roomID))
    }
}
