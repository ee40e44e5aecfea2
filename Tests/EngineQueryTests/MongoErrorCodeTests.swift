import Testing

@testable import EngineQuery

/// The table of error codes: each code once, each name once, and assertion codes named as mongod names them.
@Suite struct MongoErrorCodeTests {
    @Test func codesAndNamesAreUnique() {
        let codes = MongoErrorCode.allCases
        #expect(Set(codes.map(\.rawValue)).count == codes.count)
        #expect(Set(codes.map(\.codeName)).count == codes.count)
    }

    @Test func errorsCarryTheTablesCodeAndName() {
        let error = EngineError(.cursorInUse, "cursor id 7 is already in use")
        #expect(error.code == 50738)
        #expect(error.codeName == "Location50738")
        #expect(EngineError(.duplicateKey, "x").codeName == "DuplicateKey")
        #expect(EngineError(.outOfDiskSpace, "full").asReply()["code"]?.integerValue == 14031)
    }
}
