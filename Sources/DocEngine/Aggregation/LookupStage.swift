import BSON
import EngineQuery

/// `$lookup` in its equality form: each input document gets, in `as`, the documents of `from` whose
/// `foreignField` equals its `localField` (any element of either when they are arrays; a missing
/// `localField`, or an empty array, matches null and missing, as MongoDB's equality does). The foreign collection is read
/// with a filter the planner can serve from an index on `foreignField`.
struct LookupStage: Sendable {
    let from: String
    let localField: String
    let foreignField: String
    let as_: String
    private let local: Expression

    /// Like MongoDB: the documents joined into one input document may total 16 MB plus some headroom.
    static let maxJoinedBytes = 16_793_600

    init(_ spec: BSONValue) throws(EngineError) {
        guard case .document(let options) = spec else {
            throw EngineError(.failedToParse, "the $lookup stage specification must be an object, but found \(spec.typeName)")
        }
        var fields: [String: String] = [:]
        for (key, value) in options.elements {
            switch key {
            case "from", "localField", "foreignField", "as":
                guard case .string(let text) = value else {
                    throw EngineError(.failedToParse, "$lookup argument '\(key): \(value)' must be a string, found \(value.typeName)")
                }
                fields[key] = text
            case "pipeline", "let":
                throw EngineError(.commandNotSupported, "$lookup with '\(key)' is not supported by this server; use localField and foreignField")
            default:
                throw EngineError(.failedToParse, "unknown argument to $lookup: \(key)")
            }
        }
        guard let as_ = fields["as"] else { throw EngineError(.failedToParse, "must specify 'as' field for a $lookup") }
        guard let from = fields["from"] else { throw EngineError(.failedToParse, "must specify 'from' field for a $lookup") }
        guard let localField = fields["localField"], let foreignField = fields["foreignField"] else {
            throw EngineError(.failedToParse, "$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified")
        }
        for path in [as_, localField, foreignField] where path.isEmpty || path.hasPrefix("$") {
            throw EngineError(.failedToParse, "FieldPath field names may not start with '$' or be empty: '\(path)'")
        }
        self.from = from
        self.localField = localField
        self.foreignField = foreignField
        self.as_ = as_
        local = try Expression(.string("$" + localField))
    }

    /// The filter on the foreign collection for one input document.
    func foreignFilter(for document: Document) throws(EngineError) -> Filter {
        let predicate: FieldPredicate
        switch try local.evaluate(document) {
        // No value at the path (missing, or an empty array) joins on null, as MongoDB's lookup does.
        case nil, .array([])?: predicate = .eq(.null)
        case .array(let items)?: predicate = .in(items)
        case let value?: predicate = .eq(value)
        }
        return try Filter(.field(path: foreignField, predicate))
    }

    /// The input document with the joined documents in `as`.
    func joined(_ document: Document, _ matches: [Document]) -> Document {
        DocumentPaths.setting(document, at: as_, to: .array(matches.map(BSONValue.document)))
    }

    static func tooLarge(_ collection: String) -> EngineError {
        EngineError(.lookupTooLarge, "Total size of documents in \(collection) matching pipeline's $lookup stage exceeds \(maxJoinedBytes) bytes")
    }
}

/// Reads the documents of a collection (of the aggregated collection's database) that match a filter,
/// in the same read transaction as the main scan, failing once they total more than `maxJoinedBytes`.
typealias ForeignReader = (_ collection: String, _ filter: Filter) throws -> [Document]
