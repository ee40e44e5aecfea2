import BSON
@testable import DocEngine
import MongoPool
import Testing

/// `$text` sorted by a B-tree index's order (a room's newest matches first): results come in that order,
/// common words from a walk of the index that reads only the documents the limit needs, rare ones by
/// reading only their candidates, and across batches either way.
@Suite("Ordered text scan")
struct OrderedTextScanTests {
    /// Room "r" holds seq 1...count; `content(seq)` says what each says. Room "s" holds the same words
    /// unless `alone`.
    private func fill(_ engine: EngineHarness, count: Int, alone: Bool = false, content: (Int) -> String) async throws {
        let ns = engine.namespace("m")
        try await engine.client.createIndexes(
            [IndexModel(keys: ["room_id": 1, "seq": 1], unique: true), IndexModel(keys: ["room_id": 1, "content": "text"])],
            in: ns)
        var documents: [Document] = []
        for seq in 1...count {
            documents.append(["room_id": "r", "seq": .int64(Int64(seq)), "content": .string(content(seq))])
            if !alone { documents.append(["room_id": "s", "seq": .int64(Int64(seq)), "content": .string(content(seq))]) }
        }
        _ = try await engine.client.insertMany(documents, into: ns)
    }

    private func seqs(_ engine: EngineHarness, _ search: String, before: Int64 = .max, limit: Int? = nil,
                      batchSize: Int? = nil) async throws -> [Int64] {
        try await engine.client.find(
            ["room_id": "r", "$text": ["$search": .string(search)], "seq": ["$lt": .int64(before)]],
            in: engine.namespace("m"), options: FindOptions(sort: ["seq": -1], limit: limit, batchSize: batchSize)
        ).compactMap { $0["seq"]?.integerValue }
    }

    @Test func newestMatchesOfACommonWordFirstReadingOnlyWhatTheLimitNeeds() async throws {
        try await withEngine { engine in
            try await fill(engine, count: 3000) { $0 % 4 == 0 ? "pong \($0)" : "ping \($0)" }
            #expect(try await seqs(engine, "ping", before: 200, limit: 5) == [199, 198, 197, 195, 194])
            let explained = try await engine.command(["explain": [
                "find": "m", "filter": ["room_id": "r", "$text": ["$search": "ping"]], "sort": ["seq": -1], "limit": 5,
            ], "verbosity": "executionStats"])
            let examined = try #require(explained["executionStats"]?.documentValue?["totalDocsExamined"]?.integerValue)
            // 2,250 messages of the room say "ping"; a sort of all of them would read every one.
            #expect(examined <= 8, "\(explained)")
        }
    }

    @Test func everyMatchComesOnceInOrderAcrossBatches() async throws {
        try await withEngine { engine in
            try await fill(engine, count: 3000) { $0 % 4 == 0 ? "rare \($0)" : "ping \($0)" }
            #expect(try await seqs(engine, "ping", batchSize: 97) == (1...3000).reversed().filter { $0 % 4 != 0 }.map(Int64.init))
            #expect(try await seqs(engine, "rare", batchSize: 7) == Array(stride(from: 3000, through: 4, by: -4)).map(Int64.init))
        }
    }

    @Test func rareWordsReadOnlyTheirCandidates() async throws {
        try await withEngine { engine in
            try await fill(engine, count: 1000) { [5, 7, 11].contains($0) ? "rare word" : "common \($0)" }
            #expect(try await seqs(engine, "rare", limit: 2) == [11, 7])
            #expect(try await seqs(engine, "rare", batchSize: 1) == [11, 7, 5])
            #expect(try await seqs(engine, "rare", before: 11, batchSize: 1) == [7, 5])
            let explained = try await engine.command(["explain": [
                "find": "m", "filter": ["room_id": "r", "$text": ["$search": "rare"]], "sort": ["seq": -1], "limit": 1,
            ], "verbosity": "executionStats"])
            // Three candidates, rather than the 989 newer messages a walk would step over.
            let examined = try #require(explained["executionStats"]?.documentValue?["totalDocsExamined"]?.integerValue)
            #expect(examined == 3, "\(explained)")
        }
    }

    @Test func aWordCommonOnlyLongAgoIsReadDirectlyOnceTheWalkFindsItSparse() async throws {
        try await withEngine { engine in
            let old = TextScanner.directReadLimit + 52
            let count = TextScanner.walkBudget + old + 500
            try await fill(engine, count: count, alone: true) { $0 <= old ? "old times \($0)" : "new times \($0)" }
            #expect(try await seqs(engine, "old", limit: 3) == [Int64(old), Int64(old - 1), Int64(old - 2)])
            #expect(try await seqs(engine, "old", batchSize: 500) == (1...old).reversed().map(Int64.init))
            #expect(try await seqs(engine, "new times", limit: 2) == [Int64(count), Int64(count - 1)])
        }
    }
}
