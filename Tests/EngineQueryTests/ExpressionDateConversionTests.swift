import BSON
import Testing

@testable import EngineQuery

/// Date parts and formatting in UTC (and fixed or named zones), `$type` and the `$convert` family.
@Suite struct ExpressionDateConversionTests {
    /// 2024-02-29T13:05:09.045Z, a Thursday, day 60 of a leap year.
    private let leapDay: Document = ["d": .datetime(1_709_211_909_045)]

    @Test func datePartsInUTC() throws {
        #expect(try evaluate(["$year": "$d"], leapDay) == .int32(2024))
        #expect(try evaluate(["$month": "$d"], leapDay) == .int32(2))
        #expect(try evaluate(["$dayOfMonth": "$d"], leapDay) == .int32(29))
        #expect(try evaluate(["$hour": "$d"], leapDay) == .int32(13))
        #expect(try evaluate(["$minute": "$d"], leapDay) == .int32(5))
        #expect(try evaluate(["$second": "$d"], leapDay) == .int32(9))
        #expect(try evaluate(["$millisecond": "$d"], leapDay) == .int32(45))
        #expect(try evaluate(["$dayOfWeek": "$d"], leapDay) == .int32(5))
        #expect(try evaluate(["$dayOfYear": "$d"], leapDay) == .int32(60))
        #expect(try evaluate(["$year": .datetime(-1)]) == .int32(1969))
        #expect(try evaluate(["$dayOfYear": .datetime(-1)]) == .int32(365))
        #expect(try evaluate(["$year": "$nope"]) == .null)
        #expect(throws: EngineError(.cannotConvertToDate, "can't convert from BSON type string to Date")) { try evaluate(["$year": "x"]) }
    }

    @Test func timezones() throws {
        #expect(try evaluate(["$hour": ["date": "$d", "timezone": "+05:30"]], leapDay) == .int32(18))
        #expect(try evaluate(["$hour": ["date": "$d", "timezone": "America/New_York"]], leapDay) == .int32(8))
        #expect(throws: EngineError(.unrecognizedTimezone, "unrecognized time zone identifier: \"Mars/Base\"")) {
            try evaluate(["$hour": ["date": "$d", "timezone": "Mars/Base"]], leapDay)
        }
    }

    @Test func dateToString() throws {
        #expect(try evaluate(["$dateToString": ["date": "$d"]], leapDay) == "2024-02-29T13:05:09.045Z")
        #expect(try evaluate(["$dateToString": ["date": "$d", "format": "%Y/%m/%d %j %% %H:%M:%S.%L"]], leapDay) == "2024/02/29 060 % 13:05:09.045")
        #expect(try evaluate(["$dateToString": ["date": "$nope", "onNull": "none"]]) == "none")
        #expect(try evaluate(["$dateToString": ["date": "$nope"]]) == .null)
        // Outside UTC the default format drops the "Z"; a null format gives null.
        #expect(try evaluate(["$dateToString": ["date": "$d", "timezone": "+01:00"]], leapDay) == "2024-02-29T14:05:09.045")
        #expect(try evaluate(["$dateToString": ["date": "$d", "format": .null]], leapDay) == .null)
        #expect(throws: EngineError(.invalidFormatCharacter, "Invalid format character '%q' in format string")) {
            try evaluate(["$dateToString": ["date": "$d", "format": "%q"]], leapDay)
        }
    }

    @Test func typeNames() throws {
        #expect(try evaluate(["$type": "$nope"]) == "missing")
        #expect(try evaluate(["$type": [["$literal": 1]]]) == "int")
        #expect(try evaluate(["$type": .int64(1)]) == "long")
        #expect(try evaluate(["$type": ["$literal": ["a"]]]) == "array")
    }

    @Test func conversions() throws {
        #expect(try evaluate(["$toInt": "42"]) == .int32(42))
        #expect(try evaluate(["$toInt": 3.9]) == .int32(3))
        #expect(try evaluate(["$toLong": "$d"], leapDay) == .int64(1_709_211_909_045))
        #expect(try evaluate(["$toDouble": "2.5"]) == .double(2.5))
        #expect(try evaluate(["$toDouble": true]) == .double(1))
        #expect(try evaluate(["$toBool": 0]) == false)
        #expect(try evaluate(["$toBool": "false"]) == true)
        #expect(try evaluate(["$toString": 2.0]) == "2")
        #expect(try evaluate(["$toString": 2.5]) == "2.5")
        #expect(try evaluate(["$toString": "$d"], leapDay) == "2024-02-29T13:05:09.045Z")
        #expect(try evaluate(["$toDate": "2024-02-29T13:05:09.045Z"]) == .datetime(1_709_211_909_045))
        #expect(try evaluate(["$toDate": "2024-02-29T18:35:09.045+05:30"]) == .datetime(1_709_211_909_045))
        #expect(try evaluate(["$toObjectId": "0123456789abcdef01234567"]) == .objectId(ObjectId(hex: "0123456789abcdef01234567")!))
        #expect(try evaluate(["$toInt": .null]) == .null)
        #expect(throws: EngineError(.conversionFailure, "Failed to parse number 'abc' in $convert with no onError value")) {
            try evaluate(["$toInt": "abc"])
        }
        #expect(throws: EngineError(.conversionFailure, "Conversion would overflow target type in $convert with no onError value")) {
            try evaluate(["$toInt": .int64(1 << 40)])
        }
        #expect(try evaluate(["$convert": ["input": "abc", "to": "int", "onError": -1]]) == .int32(-1))
        #expect(try evaluate(["$convert": ["input": "$nope", "to": 16, "onNull": 0]]) == .int32(0))
        #expect(try evaluate(["$convert": ["input": "7", "to": "long"]]) == .int64(7))
    }
}
