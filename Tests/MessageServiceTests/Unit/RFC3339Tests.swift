import Foundation
import Testing
@testable import MessageService

@Suite struct RFC3339Tests {
    @Test(arguments: [
        (Int64(1_795_215_243_071), "2026-11-20T22:54:03.071Z"),
        (0, "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (4_102_444_800_000, "2100-01-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
        (1_700_000_000_005, "2023-11-14T22:13:20.005Z"),
    ])
    func formats(_ milliseconds: Int64, _ expected: String) {
        #expect(RFC3339.format(milliseconds: milliseconds) == expected)
    }

    /// Every few days over four centuries, against Foundation's Gregorian calendar.
    @Test func agreesWithFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var seconds: Int64 = -2_208_988_800  // 1900-01-01
        while seconds < 10_413_792_000 {  // 2300-01-01
            let parts = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year!, parts.month!, parts.day!, parts.hour!,
                parts.minute!, parts.second!, Int(seconds % 1000 + 1000) % 1000)
            #expect(RFC3339.format(milliseconds: seconds * 1000 + (seconds % 1000 + 1000) % 1000) == expected)
            seconds += 3 * 86_400 + 3_761
        }
    }
}
