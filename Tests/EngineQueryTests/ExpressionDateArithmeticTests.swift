import BSON
import Testing

@testable import EngineQuery

/// `$dateAdd`, `$dateSubtract`, `$dateDiff` and `$dateTrunc`, with calendar units on the local date.
@Suite struct ExpressionDateArithmeticTests {
    /// 2024-02-29T13:05:09.045Z, a Thursday.
    private let leapDay: BSONValue = .datetime(1_709_211_909_045)

    private func add(_ unit: String, _ amount: BSONValue, to date: BSONValue, op: String = "$dateAdd") throws -> BSONValue? {
        try evaluate([op: ["startDate": date, "unit": .string(unit), "amount": amount]])
    }

    @Test func addAndSubtract() throws {
        #expect(try add("month", 1, to: leapDay) == .datetime(1_711_717_509_045))
        #expect(try add("year", 1, to: leapDay) == .datetime(1_740_747_909_045))  // 2025-02-28: no Feb 29th
        #expect(try add("month", 1, to: .datetime(1_706_695_200_000)) == .datetime(1_709_200_800_000))  // Jan 31 -> Feb 29
        #expect(try add("hour", 2, to: leapDay, op: "$dateSubtract") == .datetime(1_709_211_909_045 - 7_200_000))
        #expect(try add("day", 2.0, to: leapDay) == .datetime(1_709_211_909_045 + 172_800_000))
        #expect(try add("day", .null, to: leapDay) == .null)
        #expect(throws: EngineError(.amountNotInteger, "$dateAdd expects integer amount of time units")) { try add("day", 1.5, to: leapDay) }
        #expect(throws: EngineError(.failedToParse, "$dateAdd parameter 'unit' value parsing failed :: caused by :: unknown time unit value: fortnight")) {
            try add("fortnight", 1, to: leapDay)
        }
        #expect(throws: EngineError(.dateAddMissingArgument, "$dateAdd requires startDate, unit, and amount to be present")) {
            try Expression(["$dateAdd": ["startDate": leapDay, "unit": "day"]])
        }
    }

    @Test func diffCountsBoundariesCrossed() throws {
        func diff(_ a: Int64, _ b: Int64, _ unit: String, _ extra: Document = [:]) throws -> BSONValue? {
            var spec: Document = ["startDate": .datetime(a), "endDate": .datetime(b), "unit": .string(unit)]
            for (key, value) in extra.elements { spec.append(key, value) }
            return try evaluate(["$dateDiff": .document(spec)])
        }
        let lateFeb28: Int64 = 1_709_161_200_000  // 23:00
        let earlyFeb29: Int64 = 1_709_168_400_000  // 01:00
        #expect(try diff(lateFeb28, earlyFeb29, "day") == .int64(1))
        #expect(try diff(lateFeb28, earlyFeb29, "hour") == .int64(2))
        #expect(try diff(earlyFeb29, lateFeb28, "day") == .int64(-1))
        #expect(try diff(1_706_695_200_000, 1_706_745_600_000, "month") == .int64(1))  // Jan 31 -> Feb 1
        #expect(try diff(1_706_695_200_000, 1_706_745_600_000, "year") == .int64(0))
        let saturday: Int64 = 1_709_380_800_000
        let sunday: Int64 = 1_709_467_200_000
        #expect(try diff(saturday, sunday, "week") == .int64(1))
        #expect(try diff(saturday, sunday, "week", ["startOfWeek": "monday"]) == .int64(0))
        #expect(throws: EngineError(.dateParameterNotDate, "$dateDiff requires 'endDate' to be a date, but got string")) {
            try evaluate(["$dateDiff": ["startDate": .datetime(0), "endDate": "x", "unit": "day"]])
        }
    }

    @Test func truncFloorsToBinsFrom2000() throws {
        func trunc(_ unit: String, _ extra: Document = [:]) throws -> BSONValue? {
            var spec: Document = ["date": leapDay, "unit": .string(unit)]
            for (key, value) in extra.elements { spec.append(key, value) }
            return try evaluate(["$dateTrunc": .document(spec)])
        }
        #expect(try trunc("day") == .datetime(1_709_164_800_000))
        #expect(try trunc("month") == .datetime(1_706_745_600_000))
        #expect(try trunc("quarter") == .datetime(1_704_067_200_000))
        #expect(try trunc("year", ["binSize": 10]) == .datetime(1_577_836_800_000))
        #expect(try trunc("hour", ["binSize": 6]) == .datetime(1_709_208_000_000))
        #expect(try trunc("minute", ["binSize": 15]) == .datetime(1_709_211_600_000))
        #expect(try trunc("week") == .datetime(1_708_819_200_000))  // the Sunday before
        #expect(try trunc("week", ["startOfWeek": "Mon"]) == .datetime(1_708_905_600_000))
        #expect(try trunc("day", ["timezone": "+05:30"]) == .datetime(1_709_145_000_000))  // local midnight
        #expect(throws: EngineError(.binSizeNotPositive, "$dateTrunc requires 'binSize' to be greater than 0, but got value 0")) {
            try trunc("day", ["binSize": 0])
        }
        #expect(throws: EngineError(.startOfWeekUnknown, "$dateTrunc parameter 'startOfWeek' value cannot be recognized as a day of a week: someday")) {
            try trunc("week", ["startOfWeek": "someday"])
        }
    }

    @Test func datePartsBothWays() throws {
        #expect(try evaluate(["$dateToParts": ["date": leapDay]])
            == ["year": 2024, "month": 2, "day": 29, "hour": 13, "minute": 5, "second": 9, "millisecond": 45])
        #expect(try evaluate(["$dateToParts": ["date": leapDay, "iso8601": true, "timezone": "+12:00"]])
            == ["isoWeekYear": 2024, "isoWeek": 9, "isoDayOfWeek": 5, "hour": 1, "minute": 5, "second": 9, "millisecond": 45])
        #expect(try evaluate(["$dateFromParts": ["year": 2024, "month": 2, "day": 29, "hour": 13, "minute": 5, "second": 9,
                                                 "millisecond": 45]]) == leapDay)
        #expect(try evaluate(["$dateFromParts": ["year": 2023, "month": 14]]) == .datetime(1_706_745_600_000))  // 2024-02-01
        #expect(try evaluate(["$dateFromParts": ["year": 2024, "month": 3, "day": 0]]) == .datetime(1_709_164_800_000))  // Feb 29
        #expect(try evaluate(["$dateFromParts": ["isoWeekYear": 2024, "isoWeek": 9, "isoDayOfWeek": 4]]) == .datetime(1_709_164_800_000))
        #expect(try evaluate(["$dateFromParts": ["year": 2024, "month": 2, "day": 29, "timezone": "+01:00"]]) == .datetime(1_709_161_200_000))
        #expect(try evaluate(["$dateFromParts": ["year": 2024, "month": "$nope"]]) == .null)
        #expect(throws: EngineError(.dateFromPartsMixed, "$dateFromParts does not allow mixing natural dates with ISO dates")) {
            try Expression(["$dateFromParts": ["year": 2024, "isoWeek": 1]])
        }
        #expect(throws: EngineError(.dateFromPartsMissingYear, "$dateFromParts requires either 'year' or 'isoWeekYear' to be present")) {
            try Expression(["$dateFromParts": ["month": 1]])
        }
        #expect(throws: EngineError(.yearPartOutOfRange, "'year' must evaluate to an integer in the range 1 to 9999, found 10000")) {
            try evaluate(["$dateFromParts": ["year": 10000]])
        }
    }
}
