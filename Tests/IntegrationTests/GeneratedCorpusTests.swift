import Foundation
import Testing

/// A generated corpus of adversarial requests: mutations of valid bodies (truncation, byte flips,
/// control characters, invalid UTF-8, operator objects, deep nesting, huge numbers, overlong fields)
/// and hostile paths and query strings. Every response is a 2xx for a request that happens to be valid,
/// or a 4xx with the error JSON — never a 5xx, never a dropped connection — and the process stays healthy.
@Suite("Generated hostile corpus")
struct GeneratedCorpusTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments: [String] = [
        #"{"$gt":""}"#, #"{"$where":"1"}"#, "[]", "null", "true", "1e999999", "-0", "123456789012345678901234567890",
        #""\u0000""#, #""\ud800""#, #""\udfff\ud800""#, #""\u001f""#, "\"\u{7f}\"", "\"\u{85}\"", #""\u3000""#,
        String(repeating: "[", count: 5000), "\"" + String(repeating: "a", count: 20_000) + "\"", "{}", "\"\"",
    ]

    static func body(_ rng: inout Generator) -> [UInt8] {
        let valid = #"{"sender":"alice","content":"hello","client_id":"c-1"}"#
        var bytes = Array(valid.utf8)
        switch rng.next() % 8 {
        case 0: bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
        case 1:
            for _ in 0..<(1 + rng.next() % 4) { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
        case 2: bytes.insert(contentsOf: [0xC3, 0x28, 0xFF, 0xFE].shuffled(using: &rng).prefix(2), at: 12)
        case 3:
            let field = ["sender", "content", "client_id", "extra", "sender\u{0}"].randomElement(using: &rng)!
            bytes = Array(#"{"sender":"a","content":"b","\#(field)":\#(fragments.randomElement(using: &rng)!)}"#.utf8)
        case 4: bytes = Array(#"{"sender":\#(fragments.randomElement(using: &rng)!),"content":"b"}"#.utf8)
        case 5: bytes = Array(#"{"sender":"a","content":\#(fragments.randomElement(using: &rng)!)}"#.utf8)
        case 6: bytes = Array(fragments.randomElement(using: &rng)!.utf8)
        default: bytes = Array(#"{"sender":"a","content":"b","sender":"c"}"#.utf8)
        }
        return bytes
    }

    static let targets = [
        "/rooms/lobby/messages", "/rooms/%2e%2e/messages", "/rooms/a%00b/messages", "/rooms/a%2Fb/messages",
        "/rooms//messages", "/rooms/\(String(repeating: "r", count: 300))/messages", "/rooms/lobby/messages?limit=1",
        "/rooms/lobby/messages/%ff", "/rooms/lobby/messages?before=%00", "/rooms/lobby/messages?limit=99999999999999999999",
        "/rooms/lobby/messages?limit=5&limit=5", "/rooms/lobby/messages?%zz=1", "/rooms/lobby/messages?after=AAAA",
        "/../../etc/passwd", "/rooms/lobby/messages/../../x",
    ]

    @Test(arguments: Backend.available)
    func hostileRequestsNeverReach5xx(backend: Backend) async throws {
        try await withService(backend) { service in
            var rng = Generator(state: 0x5EED_0000 + UInt64(backend.rawValue.count))
            var statuses: [Int: Int] = [:]
            for round in 0..<400 {
                let method = ["POST", "POST", "POST", "GET", "PUT", "PATCH"].randomElement(using: &rng)!
                let target = round % 3 == 0 ? Self.targets.randomElement(using: &rng)! : "/rooms/lobby/messages"
                let contentType = ["application/json", "Application/JSON; charset=UTF-8", "application/json; charset=latin1",
                                   "text/plain", "application/jsonx"].randomElement(using: &rng)!
                let body = method == "GET" ? nil : Self.body(&rng)
                let response = try await service.client.send(method, target, headers: [("Content-Type", contentType)], body: body)
                statuses[response.status, default: 0] += 1
                #expect(response.status < 500, "\(method) \(target) \(contentType) \(String(decoding: body ?? [], as: UTF8.self).prefix(80)) → \(response.status) \(response.text.prefix(200))")
                if response.status >= 400 {
                    #expect(response.errorCode != nil, "\(method) \(target): error body \(response.text.prefix(200))")
                }
            }
            print("generated corpus (\(backend)): statuses \(statuses.sorted { $0.key < $1.key })")
            #expect(try await service.client.get("/healthz").status == 200)
            #expect(try await service.client.get("/readyz").status == 200)
        }
    }
}
