import BSON
import MongoPool
import Testing

/// `MongoClient.watch` through libmongoc against the embedded engine, which, like a standalone MongoDB,
/// has no change streams.
@Suite("libmongoc client: change streams on a standalone deployment")
struct ChangeStreamTests {
    @Test(.timeLimit(.minutes(2))) func watchIsRefusedWithTheServersCode() async throws {
        try await withEngine { engine in
            _ = await #expect {
                _ = try await engine.client.watch(engine.namespace("messages"))
            } throws: { error in
                guard let error = error as? MongoError else { return false }
                return error.isChangeStreamUnsupported && error.code == 40573
                    && error.message.contains("only supported on replica sets")
            }
        }
    }

    /// Each refused stream gives its connection back: otherwise the second `watch` would find the
    /// reserved connection taken (`tooManyChangeStreams`), and operations filling the pool would wait.
    /// (A leaked connection would also make the client's close wait for ever: hence the time limit.)
    @Test(.timeLimit(.minutes(2))) func aRefusedStreamGivesItsConnectionBack() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("c")
            for _ in 0..<3 {
                await #expect { _ = try await engine.client.watch(ns) } throws: { error in
                    (error as? MongoError)?.isChangeStreamUnsupported == true
                }
            }
            let count = engine.client.poolSize * 2
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask { _ = try await engine.client.insert(["_id": .int64(Int64(index))], into: ns) }
                }
                try await group.waitForAll()
            }
            #expect(try await engine.client.find(in: ns).count == count)
        }
    }
}
