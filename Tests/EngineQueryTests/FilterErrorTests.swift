import BSON
import Testing

@testable import EngineQuery

@Suite struct FilterErrorTests {
    /// The error `filter` is rejected with; fails the test if it parses.
    private func parseError(_ filter: Document, sourceLocation: SourceLocation = #_sourceLocation) -> EngineError? {
        do {
            _ = try Filter(filter)
            Issue.record("filter \(filter) parsed", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// Filters as extended JSON (cheap for the compiler) with MongoDB's BadValue message for each.
    static let badValueCases: [(json: String, message: String)] = [
        (#"{"a": {"$foo": 1}}"#, "unknown operator: $foo"),
        (#"{"a": {"$gt": 1, "b": 2}}"#, "unknown operator: b"),
        (#"{"$foo": 1}"#, "unknown top level operator: $foo"),
        (#"{"$and": []}"#, "$and/$or/$nor must be a nonempty array"),
        (#"{"$or": []}"#, "$and/$or/$nor must be a nonempty array"),
        (#"{"$nor": []}"#, "$and/$or/$nor must be a nonempty array"),
        (#"{"$or": {"a": 1}}"#, "$or must be an array"),
        (#"{"$and": [1]}"#, "$or/$and/$nor entries need to be full objects"),
        (#"{"a": {"$in": 1}}"#, "$in needs an array"),
        (#"{"a": {"$nin": "x"}}"#, "$nin needs an array"),
        (#"{"a": {"$in": [{"$gt": 1}]}}"#, "cannot nest $ under $in"),
        (#"{"a": {"$in": [{"$undefined": true}]}}"#, "InMatchExpression equality cannot be undefined"),
        (#"{"a": {"$undefined": true}}"#, "cannot compare to undefined"),
        (#"{"a": {"$lt": {"$undefined": true}}}"#, "cannot compare to undefined"),
        (#"{"a": {"$gt": {"$regularExpression": {"pattern": "x", "options": ""}}}}"#,
            "Can't have RegEx as arg to predicate over field 'a'."),
        (#"{"a": {"$ne": {"$regularExpression": {"pattern": "x", "options": ""}}}}"#, "Can't have regex as arg to $ne."),
        (#"{"a": {"$not": 5}}"#, "$not needs a regex or a document"),
        (#"{"a": {"$not": {}}}"#, "$not cannot be empty"),
        (#"{"a": {"$not": {"b": 1}}}"#, "unknown operator: b"),
        (#"{"a": {"$size": "2"}}"#, "$size needs a number"),
        (#"{"a": {"$size": -1}}"#, "$size may not be negative"),
        (#"{"a": {"$size": 1.5}}"#, "$size must be a whole number"),
        (#"{"a": {"$all": 1}}"#, "$all needs an array"),
        (#"{"a": {"$all": [{"$gt": 1}]}}"#, "no $ expressions in $all"),
        (#"{"a": {"$elemMatch": 1}}"#, "$elemMatch needs an Object"),
        (#"{"a": {"$type": "thing"}}"#, "Unknown type name alias: thing"),
        (#"{"a": {"$mod": [0, 1]}}"#, "divisor cannot be 0"),
        (#"{"a": {"$mod": [1]}}"#, "malformed mod, not enough elements"),
        (#"{"a": {"$mod": 1}}"#, "malformed mod, needs to be an array"),
        (#"{"a": {"$where": "1"}}"#, "$where cannot be applied to a field"),
    ]

    @Test(arguments: badValueCases)
    func badValueWithMongoDBMessage(json: String, message: String) throws {
        let error = parseError(try Document(extendedJSON: json))
        #expect(error == EngineError(.badValue, message))
    }

    /// Operator names that extended JSON would read as legacy type wrappers.
    @Test func typeAndRegexOperandErrors() {
        #expect(parseError(["a": ["$type": 99]]) == EngineError(.badValue, "Invalid numerical type code: 99"))
        #expect(parseError(["a": ["$options": "i"]]) == EngineError(.badValue, "$options needs a $regex"))
        #expect(parseError(["a": ["$regex": 5]]) == EngineError(.badValue, "$regex has to be a string"))
    }

    @Test func typeOperandOfWrongTypeIsATypeMismatch() {
        #expect(parseError(["a": ["$type": true]])?.code == 14)
    }

    @Test func invalidRegexesAreRejected() {
        #expect(parseError(["a": .regex(pattern: "(", options: "")])?.code == 51091)
        #expect(parseError(["a": ["$regex": "a", "$options": "z"]])?.code == 51108)
        #expect(parseError(["a": ["$in": [.regex(pattern: "[", options: "")]]])?.code == 51091)
    }

    @Test func unsupportedOperatorsSayWhat() {
        #expect(parseError(["$where": "true"]) == EngineError(.badValue, "$where is not supported by this server"))
        #expect(parseError(["a": ["$near": [0, 0]]]) == EngineError(.badValue, "$near is not supported by this server"))
    }

    @Test func errorReplyCarriesCodeAndName() {
        let reply = EngineError(.badValue, "x").asReply()
        #expect(reply["ok"] == .double(0))
        #expect(reply["errmsg"] == "x")
        #expect(reply["code"] == .int32(2))
        #expect(reply["codeName"] == "BadValue")
        #expect(EngineError(.duplicateKey, "d").code == 11000)
        #expect(EngineError(.indexKeySpecsConflict, "k").codeName == "IndexKeySpecsConflict")
    }
}

@Suite struct FilterTreeTests {
    @Test func parsedTreeExposesPredicates() throws {
        let filter = try Filter(["a": ["$gt": 1, "$lt": 5], "b": "x"])
        guard case .and(let children) = filter.root, children.count == 2,
            case .field("a", .and(let predicates)) = children[0], predicates.count == 2,
            case .gt(.int32(1)) = predicates[0],
            case .field("b", .eq(.string("x"))) = children[1]
        else {
            Issue.record("unexpected tree \(filter.root)")
            return
        }
    }

    @Test func emptyFilterIsAlwaysTrue() throws {
        guard case .alwaysTrue = try Filter([:]).root else {
            Issue.record("empty filter is not alwaysTrue")
            return
        }
    }

    @Test func handBuiltTreesCompile() throws {
        let filter = try Filter(.or([.field(path: "a", .in([1, 2])), .field(path: "b", .exists(false))]))
        #expect(filter.matches(["a": 2]))
        #expect(filter.matches(["c": 2]))
        #expect(!filter.matches(["a": 3, "b": 1]))
        #expect(throws: EngineError.self) { try Filter(.field(path: "a", .mod(divisor: 0, remainder: 0))) }
    }
}
