import BSON
import Testing

@testable import EngineQuery

/// Parses `filter` and matches it against `document`.
private func matches(_ filter: Document, _ document: Document) throws -> Bool {
    try Filter(filter).matches(document)
}

@Suite struct FilterEqualityTests {
    /// "." followed by a combining mark is one Character; a path must still split at that dot (found by
    /// fuzzing: "c.\u{487}" was looked up as one key).
    @Test func pathsSplitAtADotFollowedByACombiningMark() throws {
        let mark = "\u{487}"
        var inner = Document()
        inner.append(mark, .int32(2))
        let document: Document = ["c": .document(inner)]
        #expect(document.value(atPath: "c.\(mark)") == .int32(2))
        #expect(try matches(["c.\(mark)": 2], document))
        #expect(try !matches(["c.\(mark)": 3], document))
    }

    @Test func implicitEqualityOnScalars() throws {
        #expect(try matches(["a": 1], ["a": 1]))
        #expect(try matches(["a": 1], ["a": 1.0]))
        #expect(try matches(["a": 1], ["a": .int64(1)]))
        #expect(try !matches(["a": 1], ["a": 2]))
        #expect(try !matches(["a": 1], ["a": "1"]))
        #expect(try !matches(["a": 1], ["b": 1]))
        #expect(try matches([:], ["b": 1]))
    }

    @Test func eqOperatorIsImplicitEquality() throws {
        #expect(try matches(["a": ["$eq": "x"]], ["a": "x"]))
        #expect(try !matches(["a": ["$eq": "x"]], ["a": "y"]))
    }

    @Test func stringsCompareByBytesNotCanonicalEquivalence() throws {
        #expect(try !matches(["a": "\u{e9}"], ["a": "e\u{301}"]))
        #expect(try matches(["a": "a\u{0}b"], ["a": "a\u{0}b"]))
        #expect(try !matches(["a": "a"], ["a": "a\u{0}b"]))
    }

    @Test func equalityWithArrayFieldMatchesAnElementOrTheWholeArray() throws {
        #expect(try matches(["a": 2], ["a": [1, 2, 3]]))
        #expect(try matches(["a": [1, 2]], ["a": [1, 2]]))
        #expect(try !matches(["a": [2, 1]], ["a": [1, 2]]))
        #expect(try matches(["a": [1, 2]], ["a": [[1, 2], 3]]))
        // Only one level of nesting is looked into.
        #expect(try !matches(["a": 1], ["a": [[1, 2]]]))
        #expect(try matches(["a": [] as BSONValue], ["a": [] as BSONValue]))
    }

    @Test func documentLiteralsCompareWholeAndInOrder() throws {
        #expect(try matches(["a": ["x": 1, "y": 2]], ["a": ["x": 1, "y": 2]]))
        #expect(try !matches(["a": ["x": 1, "y": 2]], ["a": ["y": 2, "x": 1]]))
        #expect(try !matches(["a": ["x": 1]], ["a": ["x": 1, "y": 2]]))
        #expect(try matches(["a": ["$eq": ["x": 1]]], ["a": [["x": 1], ["x": 2]]]))
        #expect(try matches(["a": ["x": 1.0]], ["a": ["x": 1]]))
    }

    @Test func dbRefDocumentsAreLiteralsNotOperators() throws {
        let ref: BSONValue = ["$ref": "users", "$id": 5]
        #expect(try matches(["owner": ref], ["owner": ref]))
    }

    @Test func dottedPathsStepIntoDocumentsAndFanOutOverArrays() throws {
        #expect(try matches(["a.b": 1], ["a": ["b": 1]]))
        #expect(try matches(["a.b": 1], ["a": [["b": 2], ["b": 1]]]))
        #expect(try matches(["a.b": 1], ["a": [["b": [0, 1]]]]))
        #expect(try matches(["a.b.c": 1], ["a": [["b": [["c": 1]]]]]))
        #expect(try !matches(["a.b": 1], ["a": [[["b": 1]]]]))
        #expect(try !matches(["a.b": 1], ["a": 1]))
    }

    @Test func numericComponentsIndexArraysAndNameFields() throws {
        #expect(try matches(["a.0": 5], ["a": [5, 6]]))
        #expect(try !matches(["a.1": 5], ["a": [5, 6]]))
        #expect(try matches(["a.0": 5], ["a": ["0": 5]]))
        #expect(try matches(["a.0": 5], ["a": [["0": 5]]]))
        #expect(try matches(["a.0.b": 1], ["a": [["b": 1]]]))
        #expect(try matches(["a.0.b": 1], ["a": [[["b": 1]]]]))
        #expect(try !matches(["a.0": 1], ["a": [[1, 2]]]))
        #expect(try matches(["a.0": [1, 2]], ["a": [[1, 2]]]))
        #expect(try !matches(["a.01": 5], ["a": [5]]))
    }
}

@Suite struct FilterNullAndExistsTests {
    @Test func nullMatchesNullUndefinedAndMissing() throws {
        #expect(try matches(["a": .null], ["a": .null]))
        #expect(try matches(["a": .null], ["a": .undefined]))
        #expect(try matches(["a": .null], ["b": 1]))
        #expect(try !matches(["a": .null], ["a": 0]))
        #expect(try !matches(["a": .null], ["a": [] as BSONValue]))
        #expect(try matches(["a": .null], ["a": [1, .null]]))
    }

    @Test func nullThroughArraysOfDocuments() throws {
        #expect(try matches(["a.b": .null], ["a": [["c": 1]]]))
        #expect(try !matches(["a.b": .null], ["a": [["b": 1]]]))
        // Scalars inside the array reach nothing at all, not a missing value.
        #expect(try !matches(["a.b": .null], ["a": [1]]))
        #expect(try !matches(["a.b": .null], ["a": [] as BSONValue]))
        #expect(try matches(["a.b": .null], ["a": 1]))
    }

    @Test func neAndNinNegateEqualityAndIn() throws {
        #expect(try !matches(["a": ["$ne": .null]], ["b": 1]))
        #expect(try matches(["a": ["$ne": .null]], ["a": 0]))
        #expect(try matches(["a": ["$ne": 1]], ["b": 1]))
        #expect(try !matches(["a": ["$ne": 1]], ["a": [1, 2]]))
        #expect(try matches(["a": ["$ne": 3]], ["a": [1, 2]]))
        #expect(try !matches(["a": ["$nin": [1, 5]]], ["a": [0, 5]]))
        #expect(try matches(["a": ["$nin": [1, 5]]], ["a": [0, 6]]))
        #expect(try !matches(["a": ["$nin": [.null]]], ["b": 1]))
    }

    @Test func existsLooksForAnyReachedValue() throws {
        #expect(try matches(["a": ["$exists": true]], ["a": .null]))
        #expect(try !matches(["a": ["$exists": true]], ["b": 1]))
        #expect(try matches(["a": ["$exists": false]], ["b": 1]))
        #expect(try matches(["a": ["$exists": 0]], ["b": 1]))
        #expect(try matches(["a": ["$exists": "yes"]], ["a": 1]))
        #expect(try matches(["a.b": ["$exists": true]], ["a": [["c": 1], ["b": 2]]]))
        #expect(try !matches(["a.b": ["$exists": true]], ["a": [["c": 1]]]))
        #expect(try matches(["a.b": ["$exists": false]], ["a": [1, 2]]))
        #expect(try matches(["a": ["$exists": true]], ["a": [] as BSONValue]))
    }
}

@Suite struct FilterComparisonTests {
    @Test func comparisonsStayInsideTheirTypeBracket() throws {
        #expect(try matches(["a": ["$gt": 5]], ["a": 6]))
        #expect(try matches(["a": ["$gt": 5]], ["a": 5.5]))
        #expect(try !matches(["a": ["$gt": 5]], ["a": "6"]))
        #expect(try !matches(["a": ["$gt": 5]], ["a": .null]))
        #expect(try !matches(["a": ["$gt": 5]], ["b": 1]))
        #expect(try matches(["a": ["$lt": "m"]], ["a": "a"]))
        #expect(try !matches(["a": ["$lt": "m"]], ["a": 1]))
        #expect(try matches(["a": ["$gte": 5, "$lte": 5]], ["a": .int64(5)]))
        #expect(try !matches(["a": ["$lt": 5]], ["a": 5]))
    }

    @Test func rangeOperatorsOnArraysHoldIndependently() throws {
        #expect(try matches(["a": ["$gt": 1, "$lt": 5]], ["a": [0, 10]]))
        #expect(try !matches(["a": ["$elemMatch": ["$gt": 1, "$lt": 5]]], ["a": [0, 10]]))
        #expect(try matches(["a": ["$elemMatch": ["$gt": 1, "$lt": 5]]], ["a": [0, 3]]))
    }

    @Test func exactNumericComparisonBeyondDoublePrecision() throws {
        let big = Double(sign: .plus, exponent: 63, significand: 1)  // 2^63, one above Int64.max
        #expect(try matches(["a": ["$lt": .double(big)]], ["a": .int64(.max)]))
        #expect(try !matches(["a": .double(big)], ["a": .int64(.max)]))
        #expect(try matches(["a": ["$gt": .int64(1 << 53)]], ["a": .int64((1 << 53) + 1)]))
        #expect(try !matches(["a": .double(9007199254740992)], ["a": .int64((1 << 53) + 1)]))
        #expect(try matches(["a": 0], ["a": -0.0]))
    }

    @Test func nanEqualsNanButIsNotOrdered() throws {
        #expect(try matches(["a": .double(.nan)], ["a": .double(.nan)]))
        #expect(try !matches(["a": ["$gt": 0]], ["a": .double(.nan)]))
        #expect(try !matches(["a": ["$lt": 0]], ["a": .double(.nan)]))
        #expect(try matches(["a": ["$gte": .double(.nan)]], ["a": .double(.nan)]))
        #expect(try !matches(["a": ["$lt": .double(.nan)]], ["a": -1]))
    }

    @Test func minKeyAndMaxKeyBoundEverything() throws {
        #expect(try matches(["a": ["$lt": .maxKey]], ["a": "x"]))
        #expect(try matches(["a": ["$lt": .maxKey]], ["b": 1]))
        #expect(try matches(["a": ["$gt": .minKey]], ["a": .null]))
        #expect(try !matches(["a": ["$gt": .maxKey]], ["a": 1]))
        #expect(try matches(["a": ["$lte": .maxKey]], ["a": .maxKey]))
        #expect(try !matches(["a": .maxKey], ["a": 1]))
    }

    @Test func nullBoundsMatchMissing() throws {
        #expect(try matches(["a": ["$lte": .null]], ["b": 1]))
        #expect(try matches(["a": ["$gte": .null]], ["a": .undefined]))
        #expect(try !matches(["a": ["$gt": .null]], ["b": 1]))
        #expect(try !matches(["a": ["$lt": .null]], ["a": .null]))
    }

    @Test func documentsAndArraysCompareInBSONOrder() throws {
        #expect(try matches(["a": ["$gt": ["x": 1]]], ["a": ["x": 2]]))
        #expect(try matches(["a": ["$lt": [2]]], ["a": [[1, 5]]]))
        #expect(try !matches(["a": ["$gt": ["x": 1]]], ["a": 5]))
    }
}

@Suite struct FilterMembershipTests {
    @Test func inMatchesAnyListedValue() throws {
        #expect(try matches(["a": ["$in": [1, "x"]]], ["a": "x"]))
        #expect(try matches(["a": ["$in": [1, "x"]]], ["a": [3, 1.0]]))
        #expect(try !matches(["a": ["$in": [1, "x"]]], ["a": 2]))
        #expect(try !matches(["a": ["$in": [] as BSONValue]], ["a": 2]))
        #expect(try matches(["a": ["$in": [[1, 2]]]], ["a": [1, 2]]))
    }

    @Test func inWithNullMatchesMissing() throws {
        #expect(try matches(["a": ["$in": [.null, 7]]], ["b": 1]))
        #expect(try matches(["a": ["$in": [.null]]], ["a": .undefined]))
        #expect(try !matches(["a": ["$in": [7]]], ["b": 1]))
    }

    @Test func longInListsBehaveLikeShortOnes() throws {
        let list = BSONValue.array((0..<40).map { .int32(Int32($0)) } + [.null, "s", .double(-0.0)])
        #expect(try matches(["a": ["$in": list]], ["a": 39.0]))
        #expect(try matches(["a": ["$in": list]], ["a": .int64(0)]))
        #expect(try matches(["a": ["$in": list]], ["b": 1]))
        #expect(try matches(["a": ["$in": list]], ["a": "s"]))
        #expect(try !matches(["a": ["$in": list]], ["a": 39.5]))
    }

    @Test func regexesInsideInMatchAsRegexes() throws {
        let filter: Document = ["a": ["$in": [.regex(pattern: "^ab", options: ""), 5]]]
        #expect(try matches(filter, ["a": "abc"]))
        #expect(try matches(filter, ["a": 5]))
        #expect(try !matches(filter, ["a": "cab"]))
        #expect(try !matches(["a": ["$nin": [.regex(pattern: "^ab", options: "")]]], ["a": "abc"]))
    }

    @Test func allRequiresEveryValue() throws {
        #expect(try matches(["a": ["$all": [1, 2]]], ["a": [2, 3, 1]]))
        #expect(try !matches(["a": ["$all": [1, 2]]], ["a": [2, 3]]))
        #expect(try matches(["a": ["$all": [1]]], ["a": 1]))
        #expect(try !matches(["a": ["$all": [] as BSONValue]], ["a": [1]]))
        #expect(try matches(["a": ["$all": [["$elemMatch": ["b": 1]], ["$elemMatch": ["b": 2]]]]], ["a": [["b": 1], ["b": 2]]]))
    }
}

@Suite struct FilterLogicalTests {
    @Test func andOrNor() throws {
        let doc: Document = ["a": 1, "b": 2]
        #expect(try matches(["$and": [["a": 1], ["b": 2]]], doc))
        #expect(try !matches(["$and": [["a": 1], ["b": 3]]], doc))
        #expect(try matches(["$or": [["a": 5], ["b": 2]]], doc))
        #expect(try !matches(["$or": [["a": 5], ["b": 5]]], doc))
        #expect(try matches(["$nor": [["a": 5], ["b": 5]]], doc))
        #expect(try !matches(["$nor": [["a": 1], ["b": 5]]], doc))
        #expect(try matches(["a": 1, "$or": [["b": 2]]], doc))
    }

    @Test func notNegatesTheWholeOperatorDocument() throws {
        #expect(try matches(["a": ["$not": ["$gt": 5]]], ["a": 3]))
        #expect(try matches(["a": ["$not": ["$gt": 5]]], ["b": 1]))
        #expect(try matches(["a": ["$not": ["$gt": 5]]], ["a": "z"]))
        #expect(try !matches(["a": ["$not": ["$gt": 5]]], ["a": [1, 6]]))
        #expect(try matches(["a": ["$not": .regex(pattern: "^x", options: "")]], ["a": "yx"]))
        #expect(try !matches(["a": ["$not": ["$gt": 1, "$lt": 5]]], ["a": 3]))
        #expect(try matches(["a": ["$not": ["$gt": 1, "$lt": 5]]], ["a": 7]))
    }

    @Test func commentIsIgnored() throws {
        #expect(try matches(["$comment": "why", "a": 1], ["a": 1]))
    }
}

@Suite struct FilterOtherOperatorTests {
    @Test func regexMatchesStringsAnywhere() throws {
        #expect(try matches(["a": .regex(pattern: "b.d", options: "")], ["a": "abcde"]))
        #expect(try !matches(["a": .regex(pattern: "B", options: "")], ["a": "abc"]))
        #expect(try matches(["a": ["$regex": "B", "$options": "i"]], ["a": "abc"]))
        #expect(try matches(["a": ["$options": "i", "$regex": "B"]], ["a": "abc"]))
        #expect(try matches(["a": ["$regex": .regex(pattern: "^c", options: "m")]], ["a": "ab\ncd"]))
        #expect(try matches(["a": .regex(pattern: "^é", options: "")], ["a": ["x", "ét\u{e9}"]]))
        #expect(try !matches(["a": .regex(pattern: "1", options: "")], ["a": 1]))
    }

    @Test func regexFieldEqualsOnlyTheSameRegex() throws {
        let stored: BSONValue = .regex(pattern: "^a", options: "i")
        #expect(try matches(["a": stored], ["a": stored]))
        #expect(try !matches(["a": stored], ["a": .regex(pattern: "^a", options: "")]))
        #expect(try matches(["a": ["$eq": stored]], ["a": stored]))
    }

    @Test func typeByAliasCodeAndNumber() throws {
        #expect(try matches(["a": ["$type": "string"]], ["a": "x"]))
        #expect(try matches(["a": ["$type": 2]], ["a": "x"]))
        #expect(try matches(["a": ["$type": "number"]], ["a": .int64(1)]))
        #expect(try matches(["a": ["$type": ["bool", "long"]]], ["a": true]))
        #expect(try matches(["a": ["$type": "array"]], ["a": [1]]))
        #expect(try matches(["a": ["$type": "int"]], ["a": [1]]))
        #expect(try !matches(["a": ["$type": "null"]], ["b": 1]))
        #expect(try !matches(["a": ["$type": "null"]], ["a": .undefined]))
    }

    @Test func sizeCountsArrayElements() throws {
        #expect(try matches(["a": ["$size": 2]], ["a": [1, [2, 3]]]))
        #expect(try !matches(["a": ["$size": 2]], ["a": [[1, 2]]]))
        #expect(try matches(["a": ["$size": 0]], ["a": [] as BSONValue]))
        #expect(try !matches(["a": ["$size": 1]], ["a": 1]))
        #expect(try matches(["a.b": ["$size": 1]], ["a": [["b": [1]]]]))
    }

    @Test func elemMatchOnDocuments() throws {
        let doc: Document = ["a": [["x": 1, "y": 2], ["x": 2, "y": 1]]]
        #expect(try matches(["a": ["$elemMatch": ["x": 1, "y": 2]]], doc))
        #expect(try !matches(["a": ["$elemMatch": ["x": 1, "y": 1]]], doc))
        #expect(try matches(["a.x": 1, "a.y": 1], doc))
        #expect(try !matches(["a": ["$elemMatch": ["x": 1]]], ["a": ["x": 1]]))
        #expect(try matches(["a": ["$elemMatch": ["$or": [["x": 5], ["y": 1]]]]], doc))
    }

    @Test func modUsesTruncatedIntegers() throws {
        #expect(try matches(["a": ["$mod": [4, 1]]], ["a": 9]))
        #expect(try matches(["a": ["$mod": [4, 1]]], ["a": 9.9]))
        #expect(try matches(["a": ["$mod": [4, -1]]], ["a": -5]))
        #expect(try !matches(["a": ["$mod": [4, 1]]], ["a": "9"]))
        #expect(try !matches(["a": ["$mod": [4, 1]]], ["a": .double(.infinity)]))
        #expect(try matches(["a": ["$mod": [-1, 0]]], ["a": .int64(.min)]))
    }
}
