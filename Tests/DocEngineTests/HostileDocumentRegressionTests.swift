import BSON
import Foundation
import Testing

/// Documents that got past validation with libbson 1.23 alone, sent to a running engine the way a hostile
/// client would: as an insert's kind-1 `documents` section. Each must close only its own connection,
/// store nothing, and leave the engine serving.
@Suite("Hostile documents found by fuzzing close their connection and are not stored")
struct HostileDocumentRegressionTests {
    /// libbson's bson_validate recurses once per level without a limit: some thousands of levels (a few
    /// tens of kilobytes) overflowed the stack and killed the whole process. Run in a child process, so a
    /// regression fails this test instead of ending the test run.
    @Test func deepNestingClosesOnlyItsConnection() async {
        await #expect(processExitsWith: .success) {
            try await withEngine { engine in
                let connection = try RawConnection(port: engine.port)
                let frame = insertFrame(collection: "deep", document: nestedDocument(depth: 100_000))
                await connection.offloaded { connection.send(frame) }
                #expect(await connection.isClosedByPeerAsync())
                #expect(try await engine.command(["ping": 1])["ok"]?.doubleValue == 1)
                #expect(try await engine.client.find([:], in: engine.namespace("deep")).isEmpty)
            }
        }
    }

    /// `{_id: 1, s: "\x96", d: {"1": <string of length -1>}}`: libbson stopped checking at the string that is
    /// not UTF-8, so the engine stored the corrupt bytes and served them to every later reader.
    @Test func corruptionBehindABadStringIsNotStored() async throws {
        let document: [UInt8] = [
            40, 0, 0, 0,
            0x10, 0x5F, 0x69, 0x64, 0, 1, 0, 0, 0,
            0x02, 0x73, 0, 2, 0, 0, 0, 0x96, 0,
            0x03, 0x64, 0, 14, 0, 0, 0, 0x02, 0x31, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x78, 0, 0,
            0,
        ]
        try await withEngine { engine in
            let connection = try RawConnection(port: engine.port)
            let frame = insertFrame(collection: "poison", document: document)
            await connection.offloaded { connection.send(frame) }
            #expect(await connection.isClosedByPeerAsync())
            #expect(try await engine.client.find([:], in: engine.namespace("poison")).isEmpty)
        }
    }
}

/// An OP_MSG insert into `test.<collection>` whose one document travels as raw bytes in a kind-1 section.
private func insertFrame(collection: String, document: [UInt8]) -> [UInt8] {
    let body: Document = ["insert": .string(collection), "$db": "test"]
    let identifier = Array("documents".utf8) + [0]
    let section: [UInt8] = [1] + littleEndian(Int32(4 + identifier.count + document.count)) + identifier + document
    let payload: [UInt8] = [0, 0, 0, 0, 0] + body.bytes + section
    return RawConnection.header(length: 16 + payload.count, requestID: 1, opCode: 2013) + payload
}

/// `{a: {a: … {} }}` with `depth` levels below the root, written directly: 8 bytes per level.
private func nestedDocument(depth: Int) -> [UInt8] {
    let count = 5 + 8 * depth
    var bytes = [UInt8](repeating: 0, count: count)
    for level in 0..<depth {
        let start = 7 * level
        bytes.replaceSubrange(start..<start + 4, with: littleEndian(Int32(count - 8 * level)))
        bytes.replaceSubrange(start + 4..<start + 7, with: [0x03, 0x61, 0])
    }
    // The innermost empty document; every level's terminating NUL is already in place after it.
    bytes.replaceSubrange(7 * depth..<7 * depth + 4, with: littleEndian(5))
    return bytes
}

private func littleEndian(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
