import BSON
import Testing

@testable import EngineQuery

/// Updates written as extended JSON (cheap for the compiler), applied the way the update command applies them.
enum UpdateTestSupport {
    static let now: Int64 = 1_700_000_000_123

    static func document(_ json: String) throws -> Document { try Document(extendedJSON: json) }

    /// `update` applied to `json`; `filters` are the arrayFilters as JSON.
    static func apply(
        _ update: String, to json: String, filters: [String]? = nil, matchedIndex: Int? = nil, insert: Bool = false
    ) throws -> Document {
        let spec = try UpdateSpec(try document(update), arrayFilters: try filters?.map(document))
        return try spec.apply(
            to: try document(json), matchedArrayIndex: matchedIndex, context: UpdateContext(now: now, isInsert: insert))
    }

    /// Checks that `update` turns `before` into exactly `after` (bytes: field order and types count).
    static func expect(
        _ update: String, on before: String, gives after: String, filters: [String]? = nil, matchedIndex: Int? = nil,
        insert: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let result = try apply(update, to: before, filters: filters, matchedIndex: matchedIndex, insert: insert)
            let expected = try document(after)
            #expect(
                result == expected, "\(update) on \(before): got \(result.canonicalExtendedJSON)",
                sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(update) on \(before) failed: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Checks that `update` (at parse or on `before`) fails with `code` and, if given, exactly `message`.
    static func expectError(
        _ update: String, on before: String = "{\"_id\": 1}", code: MongoErrorCode, message: String? = nil,
        filters: [String]? = nil, matchedIndex: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let result = try apply(update, to: before, filters: filters, matchedIndex: matchedIndex)
            Issue.record("\(update) on \(before) succeeded: \(result)", sourceLocation: sourceLocation)
        } catch let error as EngineError {
            #expect(error.code == code.rawValue, "\(update): \(error)", sourceLocation: sourceLocation)
            if let message { #expect(error.message == message, sourceLocation: sourceLocation) }
        } catch {
            Issue.record("\(update): unexpected \(error)", sourceLocation: sourceLocation)
        }
    }
}
