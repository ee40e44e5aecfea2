import BSON
import Testing

@testable import EngineQuery

@Suite struct BSONOrderTests {
    private let oid = ObjectId(hex: "000000000000000000000001")!

    @Test func bracketsFollowMongoDBOrder() {
        let ascending: [BSONValue] = [
            .minKey, .null, 1, "a", ["a": 1], [1], .binary(subtype: 0, data: [1]), .objectId(oid),
            false, .datetime(0), .timestamp(t: 1, i: 1), .regex(pattern: "a", options: ""), .maxKey,
        ]
        for (i, a) in ascending.enumerated() {
            for (j, b) in ascending.enumerated() {
                #expect(BSONOrder.compare(a, b) == (i < j ? -1 : i == j ? 0 : 1), "\(a) vs \(b)")
            }
        }
    }

    @Test func undefinedSortsAsNull() {
        #expect(BSONOrder.compare(.undefined, .null) == 0)
    }

    @Test func numbersCompareByExactValue() {
        let twoTo63 = Double(sign: .plus, exponent: 63, significand: 1)
        #expect(BSONOrder.compare(.int64(.max), .double(twoTo63)) == -1)
        #expect(BSONOrder.compare(.int64(.min), .double(-twoTo63)) == 0)
        #expect(BSONOrder.compare(.int64((1 << 53) + 1), .double(9007199254740992)) == 1)
        #expect(BSONOrder.compare(.int32(1), .double(1)) == 0)
        #expect(BSONOrder.compare(.int32(1), .int64(1)) == 0)
        #expect(BSONOrder.compare(.double(-0.0), .int32(0)) == 0)
        #expect(BSONOrder.compare(.double(0.5), .int32(1)) == -1)
        #expect(BSONOrder.compare(.double(-.infinity), .int64(.min)) == -1)
        #expect(BSONOrder.compare(.double(.leastNonzeroMagnitude), .int32(0)) == 1)
    }

    @Test func nanIsTheSmallestNumberAndEqualsItself() {
        #expect(BSONOrder.compare(.double(.nan), .double(.nan)) == 0)
        #expect(BSONOrder.compare(.double(.nan), .double(-.infinity)) == -1)
        #expect(BSONOrder.compare(.double(.nan), .null) == 1)
    }

    @Test func decimalsCompareThroughTheirNearestDouble() {
        #expect(BSONOrder.compare(.decimal128(Decimal128("1.5")!), .double(1.5)) == 0)
        #expect(BSONOrder.compare(.decimal128(Decimal128("2")!), .int32(3)) == -1)
    }

    @Test func stringsCompareByUTF8Bytes() {
        #expect(BSONOrder.compare("a", "b") == -1)
        #expect(BSONOrder.compare("a", "a\u{0}") == -1)
        #expect(BSONOrder.compare("Z", "a") == -1)
        #expect(BSONOrder.compare("\u{e9}", "e\u{301}") == 1)
        #expect(BSONOrder.compare("", "a") == -1)
    }

    @Test func documentsCompareFieldByField() {
        #expect(BSONOrder.compare(["a": 1], ["a": 1, "b": 1]) == -1)
        #expect(BSONOrder.compare(["a": 1], ["b": 0]) == -1)
        // The value's bracket is compared before the field name.
        #expect(BSONOrder.compare(["b": 1], ["a": "x"]) == -1)
        #expect(BSONOrder.compare(["a": 2], ["a": 1, "b": 1]) == 1)
        #expect(BSONOrder.compare([:], ["a": .minKey]) == -1)
    }

    @Test func arraysCompareElementWise() {
        #expect(BSONOrder.compare([1, 2], [1, 3]) == -1)
        #expect(BSONOrder.compare([1], [1, 0]) == -1)
        #expect(BSONOrder.compare([] as BSONValue, [.null]) == -1)
        #expect(BSONOrder.compare([2], [1, 5]) == 1)
    }

    @Test func otherTypesCompareByTheirParts() {
        #expect(BSONOrder.compare(.binary(subtype: 5, data: [1]), .binary(subtype: 0, data: [0, 0])) == -1)
        #expect(BSONOrder.compare(.binary(subtype: 0, data: [9]), .binary(subtype: 5, data: [1])) == -1)
        #expect(BSONOrder.compare(.timestamp(t: 1, i: 9), .timestamp(t: 2, i: 0)) == -1)
        #expect(BSONOrder.compare(.timestamp(t: .max, i: 0), .timestamp(t: 1, i: 0)) == 1)
        #expect(BSONOrder.compare(.datetime(-1), .datetime(0)) == -1)
        #expect(BSONOrder.compare(false, true) == -1)
        #expect(BSONOrder.compare(.regex(pattern: "a", options: "i"), .regex(pattern: "a", options: "")) == 1)
    }
}
