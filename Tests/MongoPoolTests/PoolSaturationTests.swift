import Dispatch
import Synchronization
import Testing
@testable import MongoPool

/// The pool filled on purpose by operations that hold their connection until released.
@Suite(.timeLimit(.minutes(2))) struct PoolSaturationTests {
    /// Starts an operation that holds a connection, returning once it holds it.
    func occupy(
        _ client: MongoClient, release: DispatchSemaphore
    ) async -> Task<Bool, any Error> {
        let (started, continuation) = AsyncStream<Void>.makeStream()
        let task = Task { try await client.execute(BlockingOperation(started: continuation, release: release)) }
        for await _ in started { break }
        return task
    }

    @Test func saturatedPoolFailsFastWithPoolExhaustedThenRecovers() async throws {
        let client = try unreachableClient(poolSize: 1, waitQueueTimeout: .milliseconds(100))
        let release = DispatchSemaphore(value: 0)
        let holder = await occupy(client, release: release)

        await #expect { try await client.ping() } throws: { error in
            guard let error = error as? MongoError else { return false }
            return error.isPoolExhausted && error.message.contains("msgsvc:***@")
                && !error.message.contains("Hunter22Zq9")
        }

        release.signal()
        #expect(try await holder.value)
        // The slot came back: the next operation gets a connection and reaches server selection.
        await #expect { try await client.ping() } throws: { ($0 as? MongoError)?.isNoServerAvailable == true }
        await client.close()
    }

    @Test func withoutWaitQueueTimeoutCallersWaitForAConnection() async throws {
        let client = try unreachableClient(poolSize: 1)
        let release = DispatchSemaphore(value: 0)
        let holder = await occupy(client, release: release)
        let second = DispatchSemaphore(value: 0)
        let (secondStarted, continuation) = AsyncStream<Void>.makeStream()
        let waiting = Task { try await client.execute(BlockingOperation(started: continuation, release: second)) }

        release.signal()
        #expect(try await holder.value)
        for await _ in secondStarted { break }
        second.signal()
        #expect(try await waiting.value)
        await client.close()
    }

    @Test func closeFailsWaitersAndWaitsForRunningOperations() async throws {
        let client = try unreachableClient(poolSize: 1)
        let release = DispatchSemaphore(value: 0)
        let holder = await occupy(client, release: release)
        // Whether it queued before close() began or arrived after, it must fail as closed.
        let waiter = Task { try await client.ping() }
        let closed = Mutex(false)
        let closing = Task {
            await client.close()
            closed.withLock { $0 = true }
        }

        await #expect { try await waiter.value } throws: { ($0 as? MongoError)?.isClientClosed == true }
        await #expect { try await client.ping() } throws: { ($0 as? MongoError)?.isClientClosed == true }
        #expect(!closed.withLock { $0 }, "close() returned while an operation still held a connection")

        release.signal()
        #expect(try await holder.value, "the running operation completes despite close()")
        await closing.value
        await client.close()
    }

    @Test func cancelledWaiterLeavesTheQueue() async throws {
        let client = try unreachableClient(poolSize: 1)
        let release = DispatchSemaphore(value: 0)
        let holder = await occupy(client, release: release)
        let waiter = Task { try await client.ping() }
        waiter.cancel()
        await #expect { try await waiter.value } throws: { ($0 as? MongoError)?.clientCode == .cancelled }

        release.signal()
        #expect(try await holder.value)
        await client.close()
    }

    @Test func clientReleasedWithoutCloseShutsItselfDown() async throws {
        var client: MongoClient? = try unreachableClient()
        await #expect { try await client?.ping() } throws: { ($0 as? MongoError)?.isNoServerAvailable == true }
        weak let released = client
        client = nil
        #expect(released == nil)
    }
}
