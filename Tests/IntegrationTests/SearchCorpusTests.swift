import Foundation
import Testing

/// Search quality on a fixed corpus against the real binary, on every backend: phrases, exclusions,
/// stemming, accents, case, CJK, emoji, and messages edited or deleted after they were indexed.
@Suite("Search over a fixed corpus")
struct SearchCorpusTests {
    /// (sender, content), posted in this order into room "corpus".
    static let corpus: [(String, String)] = [
        ("alice", "The runners were running late for the marathon"),  // 0
        ("bob", "She runs every morning before work"),  // 1
        ("alice", "I ran yesterday"),  // 2
        ("bob", "Let's grab a coffee at the Café Crème"),  // 3
        ("alice", "cafe creme is my favourite"),  // 4
        ("bob", "CAFÉ opening hours changed"),  // 5
        ("alice", "The quick brown fox jumps over the lazy dog"),  // 6
        ("bob", "A quick lunch, then back to the lab"),  // 7
        ("alice", "brown bread and quick jam"),  // 8
        ("bob", "東京タワーに行きました"),  // 9
        ("alice", "京都の東にある寺"),  // 10
        ("bob", "서울에서 만나요"),  // 11
        ("alice", "Party tonight 🎉 bring snacks 🍕"),  // 12
        ("bob", "deployment failed again 😞"),  // 13
        ("alice", "deployment succeeded"),  // 14
        ("bob", "meeting notes: budget review"),  // 15, edited below
        ("alice", "budget approved for Q3"),  // 16, deleted below
    ]

    /// Query → corpus indexes expected, newest first, on every backend.
    static let expected: [(String, [Int])] = [
        ("running", [1, 0]), ("RUNS", [1, 0]), ("ran", [2]),
        ("cafe", [5, 4, 3]), ("CAFÉ", [5, 4, 3]), ("crème", [4, 3]), ("\"café crème\"", [4, 3]),
        ("quick brown", [8, 6]), ("\"quick brown\"", [6]), ("quick -brown", [7]), ("quick -\"brown fox\"", [8, 7]),
        ("🎉", [12]), ("snacks", [12]),
        ("deployment", [14, 13]), ("deployment -failed", [14]), ("marathon runner", [0]),
        ("hiring", [15]), ("budget", []), ("review", []),
    ]

    /// CJK queries: the embedded engine reads each character as a word; MongoDB's text index does not
    /// segment these scripts, so it only finds a whole space-delimited run.
    static let cjk: [(String, engine: [Int], mongo: [Int])] = [
        ("東京", [9], []), ("東", [10, 9], []), ("서울", [11], []), ("서울에서", [11], [11]),
    ]

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    @Test(arguments: Backend.available)
    func findsWhatEachQueryShouldFind(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            var ids: [String] = []
            for (sender, content) in Self.corpus {
                let response = try await client.postJSON("/rooms/corpus/messages", ["sender": sender, "content": content])
                #expect(response.status == 201, "\(response.text)")
                ids.append(try #require(response.object["id"] as? String))
            }
            let edit = try await client.send("PATCH", "/rooms/corpus/messages/\(ids[15])", headers: [("Content-Type", "application/json")],
                                             body: Array(#"{"content": "meeting notes: hiring plan"}"#.utf8))
            #expect(edit.status == 200, "\(edit.text)")
            #expect(try await client.send("DELETE", "/rooms/corpus/messages/\(ids[16])").status == 200)

            func found(_ q: String) async throws -> [Int] {
                let response = try await client.get("/rooms/corpus/search?q=\(Self.encoded(q))")
                #expect(response.status == 200, "\(q): \(response.text)")
                let results = response.object["results"] as? [[String: Any]] ?? []
                return results.compactMap { ($0["message"] as? [String: Any])?["id"] as? String }.compactMap { ids.firstIndex(of: $0) }
            }
            for (q, expected) in Self.expected {
                #expect(try await found(q) == expected, "q=\(q) on \(backend)")
            }
            for (q, engine, mongo) in Self.cjk {
                #expect(try await found(q) == (backend == .external ? mongo : engine), "q=\(q) on \(backend)")
            }

            // Highlights are UTF-16 ranges: the emoji before "snacks" counts two.
            let snacks = try await client.get("/rooms/corpus/search?q=snacks")
            let result = try #require((snacks.object["results"] as? [[String: Any]])?.first)
            #expect(result["highlights"] as? [[Int]] == [[23, 29]])
        }
    }

    @Test(arguments: Backend.available)
    func pagesThroughEveryMatchOnceAndFiltersBySender(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            for index in 0..<40 {
                let content = index % 4 == 0 ? "standup moved to \(index)" : "lunch order \(index)"
                let response = try await client.postJSON("/rooms/paged/messages", ["sender": index % 2 == 0 ? "ann" : "ben", "content": content])
                #expect(response.status == 201)
            }
            func walk(_ query: String) async throws -> [String] {
                var contents: [String] = []
                var cursor: String?
                repeat {
                    let response = try await client.get("/rooms/paged/search?\(query)&limit=3" + (cursor.map { "&before=\($0)" } ?? ""))
                    #expect(response.status == 200, "\(response.text)")
                    let results = response.object["results"] as? [[String: Any]] ?? []
                    contents += results.compactMap { ($0["message"] as? [String: Any])?["content"] as? String }
                    cursor = response.object["next_cursor"] as? String
                    #expect((response.object["has_more"] as? Bool) == (cursor != nil))
                } while cursor != nil
                return contents
            }
            #expect(try await walk("q=lunch") == (0..<40).reversed().filter { $0 % 4 != 0 }.map { "lunch order \($0)" })
            #expect(try await walk("q=lunch&sender=ben") == (0..<40).reversed().filter { $0 % 2 == 1 }.map { "lunch order \($0)" })
            #expect(try await walk("q=standup+lunch").isEmpty)
        }
    }

    /// A request examines a bounded number of candidates: when the match is rarer than that, a page
    /// may come back short (even empty) with a cursor, and following the cursors still finds it once.
    @Test(arguments: Backend.available)
    func aSparseMatchIsReachedByFollowingCursors(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            #expect(try await client.postJSON("/rooms/sparse/messages", ["sender": "s", "content": "alpha beta"]).status == 201)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for i in stride(from: worker, to: 2_400, by: 8) {
                            let response = try await client.postJSON("/rooms/sparse/messages", ["sender": "s", "content": "alpha \(i)"])
                            guard response.status == 201 else { throw ServiceProcessError.didNotStart("post: \(response.text)") }
                        }
                    }
                }
                try await group.waitForAll()
            }
            var found: [String] = []
            var requests = 0
            var cursor: String?
            repeat {
                let response = try await client.get("/rooms/sparse/search?q=beta+alpha&limit=5" + (cursor.map { "&before=\($0)" } ?? ""))
                #expect(response.status == 200, "\(response.text)")
                found += (response.object["results"] as? [[String: Any]] ?? []).compactMap { ($0["message"] as? [String: Any])?["content"] as? String }
                cursor = response.object["next_cursor"] as? String
                requests += 1
            } while cursor != nil && requests < 10
            #expect(found == ["alpha beta"])
            #expect(cursor == nil)
            #expect(requests > 1, "2,401 candidates should take more than one request")
        }
    }

    /// The indexes are created at every start; a restart on a store that has them changes nothing and
    /// finds what was indexed before it.
    @Test func aRestartKeepsTheIndexAndItsEntries() async throws {
        let service = try await ServiceProcess.start(.embedded)
        defer { service.cleanUp() }
        let client = service.client
        #expect(try await client.postJSON("/rooms/again/messages", ["sender": "ann", "content": "kept across restarts"]).status == 201)
        await service.stopService()
        try await service.start()
        #expect(try await client.postJSON("/rooms/again/messages", ["sender": "ann", "content": "restarts twice"]).status == 201)
        let response = try await client.get("/rooms/again/search?q=restart")
        let contents = (response.object["results"] as? [[String: Any]] ?? []).compactMap { ($0["message"] as? [String: Any])?["content"] as? String }
        #expect(contents == ["restarts twice", "kept across restarts"], "\(response.text)")
        await service.stop()
    }

    @Test(arguments: Backend.available)
    func refusesBadQueries(backend: Backend) async throws {
        try await withService(backend) { service in
            for query in ["", "q=", "q=the", "q=-x", "q=\(String(repeating: "a", count: 257))",
                          "q=\((1...17).map { "w\($0)" }.joined(separator: "+"))", "q=a&limit=101", "q=a&before=zz", "q=a&sender="] {
                let response = try await service.client.get("/rooms/corpus/search?\(query)")
                #expect(response.status == 400, "\(query): \(response.text)")
                #expect(response.errorCode == "invalid_argument")
            }
        }
    }
}
