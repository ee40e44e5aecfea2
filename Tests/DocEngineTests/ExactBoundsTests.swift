import BSON
import MongoPool
import Testing

/// When an index's equality bounds select exactly the matching documents the executor skips re-matching
/// each one. Whatever the planner decides, an indexed collection must answer every equality exactly as
/// the same documents without an index do.
@Suite("Planner: exact index bounds answer like a collection scan")
struct ExactBoundsTests {
    @Test func equalitiesOnIndexedFieldsMatchAnUnindexedCopy() async throws {
        try await withEngine { engine in
            let indexed = engine.namespace("indexed")
            let plain = engine.namespace("plain")
            try await engine.client.createIndexes([IndexModel(keys: ["a": 1, "b": -1])], in: indexed)
            // Values that share key prefixes, compare across numeric types, or are missing and null.
            let values: [BSONValue?] = [
                "ab", "abc", "a", "", .int32(1), .int64(1), .double(1.0), .double(1.5), .int64(2), .bool(true),
                .bool(false), .null, nil, .datetime(5), .objectId(ObjectId(hex: "0123456789abcdef01234567")!),
            ]
            var documents: [Document] = []
            for (i, a) in values.enumerated() {
                for (j, b) in values.enumerated() where (i + j) % 3 != 0 {
                    var document: Document = ["_id": .int32(Int32(i * 100 + j))]
                    if let a { document.append("a", a) }
                    if let b { document.append("b", b) }
                    documents.append(document)
                }
            }
            _ = try await engine.client.insertMany(documents, into: indexed)
            _ = try await engine.client.insertMany(documents, into: plain)

            func ids(_ filter: Document, in namespace: Namespace) async throws -> [BSONValue] {
                try await engine.client.find(filter, in: namespace, options: FindOptions(sort: ["_id": 1]))
                    .map { $0["_id"]! }
            }
            for a in values.compactMap({ $0 }) {
                // The bounds alone, then with a range on the next field, then with a field outside the index.
                for filter: Document in [["a": a], ["a": a, "b": ["$gte": .int32(1)]], ["a": a, "_id": ["$gt": .int32(500)]]] {
                    #expect(try await ids(filter, in: indexed) == ids(filter, in: plain), "filter \(filter)")
                }
                for b in values.compactMap({ $0 }) {
                    let onBoth: Document = ["a": a, "b": b]
                    #expect(try await ids(onBoth, in: indexed) == ids(onBoth, in: plain), "filter \(onBoth)")
                }
            }
        }
    }
}
