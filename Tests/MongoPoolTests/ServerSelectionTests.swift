import BSON
import NIOPosix
import Testing
@testable import MongoPool

/// Against 127.0.0.1 at a port where nothing listens, with a 300 ms server-selection timeout.
@Suite(.timeLimit(.minutes(2))) struct ServerSelectionTests {
    let namespace = Namespace(database: "chat", collection: "messages")

    /// One of each public operation, so that every path releases its connection on failure.
    func attempt(_ client: MongoClient, _ index: Int) async throws(MongoError) {
        switch index % 6 {
        case 0: try await client.ping()
        case 1: _ = try await client.insert(["text": "hello"], into: namespace)
        case 2: _ = try await client.insertMany([["n": 1], ["n": 2]], into: namespace, ordered: false)
        case 3: _ = try await client.find(["room": "general"], in: namespace, options: FindOptions(limit: 10))
        case 4: _ = try await client.runCommand(["count": "messages"], database: "chat")
        default: try await client.createIndexes([IndexModel(keys: ["room": 1])], in: namespace)
        }
    }

    @Test func manyConcurrentCallersEachGetNoServerAvailable() async throws {
        // The wait-queue timeout turns a connection that never came back into `.poolExhausted` instead of a hang.
        let client = try unreachableClient(poolSize: 8, waitQueueTimeout: .seconds(60))
        let errors = await withTaskGroup(of: MongoError?.self) { group in
            for index in 0..<50 {
                group.addTask {
                    do throws(MongoError) {
                        try await attempt(client, index)
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            return await group.reduce(into: [MongoError?]()) { $0.append($1) }
        }
        #expect(errors.count == 50)
        for error in errors {
            #expect(error?.isNoServerAvailable == true, "\(String(describing: error))")
            #expect(error?.message.contains("msgsvc:***@127.0.0.1") == true)
            #expect(error?.message.contains("Hunter22Zq9") == false)
        }

        // Every connection went back: the pool still serves a full round of callers.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<client.poolSize {
                group.addTask {
                    await #expect { try await client.ping() } throws: { ($0 as? MongoError)?.isNoServerAvailable == true }
                }
            }
        }
        await client.close()
    }

    @Test func operationsAfterCloseFailAsClosed() async throws {
        let client = try unreachableClient()
        await client.close()
        await #expect { try await client.ping() } throws: { ($0 as? MongoError)?.isClientClosed == true }
        await #expect {
            try await client.insert(["text": "late"], into: namespace)
        } throws: { error in
            guard let error = error as? MongoError else { return false }
            return error.isClientClosed && !error.message.contains("Hunter22Zq9")
        }
        await client.close()
    }

    @Test func operationsRunOnTheThreadPoolNotOnAnEventLoop() async throws {
        let client = try unreachableClient()
        struct WhereAmI: MongoOperation {
            func run(on client: OpaquePointer) throws(MongoError) -> (thread: String, onEventLoop: Bool) {
                (currentThreadName(), MultiThreadedEventLoopGroup.currentEventLoop != nil)
            }
        }
        let place = try await client.execute(WhereAmI())
        #expect(place.thread.hasPrefix("TP-#"), "\(place.thread)")
        #expect(!place.onEventLoop)
        await client.close()
    }
}
