import Testing
@testable import MessageService

@Suite struct PercentDecodingTests {
    @Test func decodes() {
        #expect(PercentDecoding.decode("a%2Fb", plusIsSpace: false) == "a/b")
        #expect(PercentDecoding.decode("caf%C3%A9", plusIsSpace: false) == "café")
        #expect(PercentDecoding.decode("%2e%2E", plusIsSpace: false) == "..")
        #expect(PercentDecoding.decode("a+b", plusIsSpace: false) == "a+b")
        #expect(PercentDecoding.decode("a+b%2B", plusIsSpace: true) == "a b+")
        #expect(PercentDecoding.decode("", plusIsSpace: true) == "")
    }

    @Test(arguments: ["%", "%4", "%zz", "a%g1", "%C3", "%FF", "%ED%A0%80", "%C0%80"])
    func refusesBadEncodingOrUTF8(_ text: String) {
        #expect(PercentDecoding.decode(text[...], plusIsSpace: false) == nil)
    }
}

@Suite struct QueryParametersTests {
    let allowed = ["limit", "before", "after"]

    @Test func parses() throws {
        #expect(try QueryParameters.parse(nil, allowed: allowed) == [:])
        #expect(try QueryParameters.parse("", allowed: allowed) == [:])
        #expect(try QueryParameters.parse("limit=5&after=x", allowed: allowed) == ["limit": "5", "after": "x"])
        #expect(try QueryParameters.parse("limit", allowed: allowed) == ["limit": ""])
        #expect(try QueryParameters.parse("limit=", allowed: allowed) == ["limit": ""])
        #expect(try QueryParameters.parse("%6Cimit=%35", allowed: allowed) == ["limit": "5"])
        #expect(try QueryParameters.parse("before=a=b", allowed: allowed) == ["before": "a=b"])
    }

    @Test func refusesRepeatedParameters() {
        #expect(throws: QueryError.repeatedParameter("limit")) { try QueryParameters.parse("limit=5&limit=5", allowed: allowed) }
        #expect(throws: QueryError.repeatedParameter("limit")) { try QueryParameters.parse("limit=5&%6cimit=6", allowed: allowed) }
    }

    @Test func refusesUnknownParameters() {
        #expect(throws: QueryError.unknownParameter("Limit", allowed: allowed)) { try QueryParameters.parse("Limit=5", allowed: allowed) }
        #expect(throws: QueryError.unknownParameter("", allowed: allowed)) { try QueryParameters.parse("limit=5&", allowed: allowed) }
        #expect(throws: QueryError.unknownParameter("", allowed: allowed)) { try QueryParameters.parse("&", allowed: allowed) }
        #expect(throws: QueryError.unknownParameter("x", allowed: [])) { try QueryParameters.parse("x=1", allowed: []) }
        #expect(QueryError.unknownParameter("x", allowed: []).description.contains("takes none"))
    }

    @Test func refusesBadPercentEncoding() {
        #expect(throws: QueryError.invalidPercentEncoding) { try QueryParameters.parse("limit=%zz", allowed: allowed) }
        #expect(throws: QueryError.invalidPercentEncoding) { try QueryParameters.parse("before=%FF", allowed: allowed) }
    }
}

@Suite struct ListMessagesQueryTests {
    @Test(arguments: [("1", 1), ("50", 50), ("999", 999), ("1000", 1000)])
    func acceptsLimits(_ text: String, _ value: Int) throws {
        #expect(try ListMessagesQuery.parseLimit(text) == value)
    }

    @Test(arguments: ["0", "1001", "9999", "10000", "99999999999999999999999999"])
    func refusesLimitsOutOfRange(_ text: String) {
        #expect(throws: MessageValidationError(.limit, .outOfRange(1...1000))) { try ListMessagesQuery.parseLimit(text) }
    }

    @Test(arguments: ["05", "00", "+5", "-1", " 5", "5 ", "5.0", "1e3", "abc", "٣", "５", "0x10"])
    func refusesWhatIsNotAPlainDecimal(_ text: String) {
        #expect(throws: MessageValidationError(.limit, .notADecimalInteger)) { try ListMessagesQuery.parseLimit(text) }
    }

    @Test func refusesEmptyValues() {
        #expect(throws: MessageValidationError(.limit, .empty)) { try ListMessagesQuery.parse("limit=") }
        #expect(throws: MessageValidationError(.before, .empty)) { try ListMessagesQuery.parse("before=") }
        #expect(throws: MessageValidationError(.after, .empty)) { try ListMessagesQuery.parse("after") }
    }

    @Test func defaultsTheLimit() throws {
        #expect(try ListMessagesQuery.parse(nil) == ListMessagesQuery(limit: 50, before: nil, after: nil))
        #expect(try ListMessagesQuery.parse("after=x&limit=3") == ListMessagesQuery(limit: 3, before: nil, after: "x"))
    }
}

@Suite struct JSONMediaTypeTests {
    @Test(arguments: [
        "application/json", "Application/JSON", "APPLICATION/JSON", "application/json; charset=utf-8",
        "application/json;charset=UTF-8", "application/json ; charset=\"utf-8\"", "application/json;",
        "application/json; foo=bar", "application/json; foo=\"a;b\"; charset=Utf-8", " application/json ",
    ])
    func accepts(_ value: String) throws {
        try JSONMediaType.check([value])
    }

    @Test(arguments: [
        ("text/plain", JSONMediaType.Refusal.notJSON),
        ("application/jsonx", .notJSON),
        ("application/json-patch+json", .notJSON),
        ("application/x-www-form-urlencoded", .notJSON),
        ("text/json", .notJSON),
        ("application/json; charset=latin1", .charset("latin1")),
        ("application/json; charset=utf-16", .charset("utf-16")),
        ("application/json; charset=\"utf8\"", .charset("utf8")),
        ("application/json garbage", .malformed),
        ("application/", .malformed),
        ("json", .malformed),
        ("", .malformed),
        ("application/json; charset", .malformed),
        ("application/json; charset=", .malformed),
        ("application/json; charset=\"utf-8", .malformed),
        ("application /json", .malformed),
    ])
    func refuses(_ value: String, _ refusal: JSONMediaType.Refusal) {
        #expect(throws: refusal) { try JSONMediaType.check([value]) }
    }

    @Test func needsExactlyOneHeader() {
        #expect(throws: JSONMediaType.Refusal.missing) { try JSONMediaType.check([]) }
        #expect(throws: JSONMediaType.Refusal.several) { try JSONMediaType.check(["application/json", "application/json"]) }
    }
}

@Suite struct RouteTableTests {
    var table: RouteTable {
        var table = RouteTable()
        table.add("/rooms/{room_id}/messages", method: .post)
        table.add("/rooms/{room_id}/messages", method: .get)
        table.add("/rooms/{room_id}/messages/{id}", method: .get)
        table.add("/healthz", method: .get)
        return table
    }

    @Test func knowsEachPathsMethods() {
        #expect(table.allowedMethods(forPath: "/rooms/lobby/messages") == [.post, .get, .head])
        #expect(table.allowedMethods(forPath: "/rooms/lobby/messages/abc") == [.get, .head])
        #expect(table.allowedMethods(forPath: "/healthz") == [.get, .head])
        // Split as the router splits: repeated and trailing slashes do not count.
        #expect(table.allowedMethods(forPath: "//rooms/lobby//messages/") == [.post, .get, .head])
    }

    @Test func knowsNothingElse() {
        for path in ["/", "", "/rooms", "/rooms/lobby", "/rooms/lobby/messages/a/b", "/Healthz", "/readyz"] {
            #expect(table.allowedMethods(forPath: path) == nil, "\(path)")
        }
    }
}
