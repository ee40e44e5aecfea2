import BSON
import Hummingbird

/// The API's path parameters, percent-decoded and validated. The router hands them over still encoded.
enum PathParameters {
    static func roomID(_ context: some RequestContext) throws(MessageValidationError) -> String {
        let roomID = try decoded(context, "room_id", field: .roomID)
        try Validation.checkRoomID(roomID)
        return roomID
    }

    static func messageID(_ context: some RequestContext) throws(MessageValidationError) -> ObjectId {
        try Validation.messageID(try decoded(context, "id", field: .id))
    }

    private static func decoded(
        _ context: some RequestContext, _ name: String, field: MessageValidationError.Field
    ) throws(MessageValidationError) -> String {
        // The route only matches when the segment is there, so a missing one reads as empty.
        let raw = context.parameters[name[...]] ?? ""
        guard let value = PercentDecoding.decode(raw, plusIsSpace: false) else {
            throw MessageValidationError(field, .invalidPercentEncoding)
        }
        return value
    }
}
