import BSON
import Foundation
import Testing
import WireProtocol

/// Bodies FuzzBSON found that libbson 1.23's bson_validate accepts although they are not BSON: it stops
/// checking, reporting success, at the first string that is not UTF-8, so whatever follows one went
/// unchecked (a key that is not UTF-8; a nested string with a negative length, which iteration then
/// silently cut off). Each must be refused as a document and, carried in a frame, close the connection.
@Suite struct FuzzedBodyRegressionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let bytes: [UInt8]
    }

    static let cases: [Case] = [
        // The inputs as FuzzBSON saved them.
        Case(testDescription: "fuzzer input: room_id not UTF-8, then a key that is not",
             bytes: base64("dAAAAAdfaWQAZfGis8TV5vcIGSo7AnJvb21faWQACAAAAGdlbptyYWwACXRpbWVzdGFtcAAAaOXPiwEAAAJzYW5kmI3/+///nm5hBv6ckG50ZW50AAYAAABoZWxsbwACY2xpaWVudF8EaWQAAAAAYy0xAAA=")),
        Case(testDescription: "fuzzer input: a string not UTF-8, then a nested string of negative length",
             bytes: base64("OwEAAAFkb3VibGUAAAAAAAAA+D8Cc3RyaW5BAAIAAACWAANkb2N1bWFycmF5ACIAAAAQMQABAAAAAjEABAD7/4uIkP/+zAAAAAAAAAAIQAAFYmluYXJ5AAMAAAAAAQIDBXV1aWQAEAAAAAQAAQIDBAUGBwgJCgsMDQ4PBnVuZGVmaW5lZAAHb2JqZWN0SWQAZfGis8TV5vcIGSo7CGJvb2wAAQlkYXRldGltZQAAaOXPiwEAAApudWxsAAtyZWdleABeYS4qeiQAaW1zeAAQaW50MzIA+f///xF0aQABCWRhdGV0aW1lAABo5c+LAQAACm51bGwAC3JlZ2V4AF5hLip6JABpbXN4ABBpbnQ2NGRlY2lsYWwxMjgAfQAAAAAAAAAAAAAAAABCMP9taW5LZXkAf21heEtleQAA")),
        // The same, reduced by hand to what matters.
        Case(testDescription: #"{s: "\x96"}"#,
             bytes: [14, 0, 0, 0, 0x02, 0x73, 0, 2, 0, 0, 0, 0x96, 0, 0]),
        Case(testDescription: #"{s: "\x96", "a\xFF": 1}"#,
             bytes: [22, 0, 0, 0, 0x02, 0x73, 0, 2, 0, 0, 0, 0x96, 0,
                     0x10, 0x61, 0xFF, 0, 1, 0, 0, 0, 0]),
        Case(testDescription: #"{s: "\x96", d: {"1": string of length -1}}"#,
             bytes: [31, 0, 0, 0, 0x02, 0x73, 0, 2, 0, 0, 0, 0x96, 0,
                     0x03, 0x64, 0, 14, 0, 0, 0, 0x02, 0x31, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x78, 0, 0, 0]),
    ]

    @Test(arguments: cases)
    func documentIsRefused(_ input: Case) {
        #expect(throws: BSONError.self) { try Document(bytes: input.bytes) }
    }

    @Test(arguments: cases)
    func frameCarryingItIsRefused(_ input: Case) {
        let frame = Frame(requestID: 1, opCode: 2013).uint32(0).byte(0).raw(input.bytes).finished()
        do {
            let message = try WireMessage(decoding: frame)
            Issue.record("decoded as \(message)")
        } catch {
            guard case .invalidDocument(let field, _) = error else {
                Issue.record("expected an invalid body, got \(error)")
                return
            }
            #expect(field == "OP_MSG body")
        }
    }
}

private func base64(_ text: String) -> [UInt8] { Array(Data(base64Encoded: text)!) }
