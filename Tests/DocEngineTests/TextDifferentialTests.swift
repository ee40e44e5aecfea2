import BSON
import MongoPool
import Testing

/// Randomized comparison of `$text` through the engine against a plain model: a fixed vocabulary whose
/// word families share a known stem, stop words, phrases, negations, a room prefix and two weighted
/// fields. The model scores with MongoDB's formula written out again here. Failures name the seed.
@Suite("Text search: differential")
struct TextDifferentialTests {
    @Test(arguments: [UInt64(0x7E57_0001), 0x7E57_0002, 0x7E57_0003])
    func engineAgreesWithModel(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let documents = (1...60).map { TextModel.document(id: $0, random: &random) }
        try await withEngine { engine in
            let ns = engine.namespace("d")
            let split = Int.random(in: 0...documents.count, using: &random)
            if split > 0 { _ = try await engine.client.insertMany(Array(documents.prefix(split)), into: ns) }
            _ = try await engine.command(["createIndexes": "d", "indexes": [[
                "key": ["room": 1, "title": "text", "body": "text"], "name": "t", "weights": ["title": 3],
            ]]])
            if split < documents.count { _ = try await engine.client.insertMany(Array(documents.dropFirst(split)), into: ns) }
            var stored = documents
            for _ in 0..<8 {
                let victim = stored.remove(at: Int.random(in: 0..<stored.count, using: &random))
                _ = try await engine.command(["delete": "d", "deletes": [["q": ["_id": victim["_id"]!], "limit": 1]]])
            }
            var nonEmpty = 0
            for round in 0..<25 {
                let room = Int32.random(in: 1...2, using: &random)
                let search = TextModel.search(from: stored, random: &random)
                let expected = TextModel.results(search, room: room, in: stored)
                let found = try await engine.client.find(
                    ["room": .int32(room), "$text": ["$search": .string(search)]], in: ns,
                    options: FindOptions(projection: ["s": ["$meta": "textScore"]], batchSize: Int.random(in: 1...5, using: &random)))
                var actual: [Int64: Double] = [:]
                for document in found { actual[document["_id"]!.integerValue!] = document["s"]?.doubleValue }
                #expect(Set(actual.keys) == Set(expected.keys), "seed \(seed) round \(round): \(search)")
                if !expected.isEmpty { nonEmpty += 1 }
                for (id, score) in expected {
                    guard let got = actual[id] else { continue }
                    #expect(abs(got - score) < 1e-9, "seed \(seed) round \(round): \(search) _id \(id) \(got) != \(score)")
                }
            }
            // The comparison means something only if most searches find documents.
            #expect(nonEmpty >= 10, "seed \(seed): only \(nonEmpty) searches found anything")
        }
    }
}
