import BSON
import Testing
@testable import MessageService

/// A stream's inbox is bounded: a client that falls too far behind is dropped, not buffered without end.
@Suite struct SubscriptionTests {
    private func batch(_ changes: ClosedRange<Int64>) -> FeedBatch {
        FeedBatch(from: changes.lowerBound - 1, through: changes.upperBound, changes: changes.map { change in
            Message(id: ObjectId(), roomID: "r", sender: "s", content: "c", timestamp: 0, clientID: nil, seq: change, change: change)
        })
    }

    @Test func deliversInOrderWithinTheLimit() async {
        let subscription = Subscription(limit: 4)
        subscription.deliver(batch(1...2))
        subscription.deliver(batch(3...4))
        guard case .batch(let first) = await subscription.next(idle: .seconds(5)) else { Issue.record("no batch"); return }
        guard case .batch(let second) = await subscription.next(idle: .seconds(5)) else { Issue.record("no batch"); return }
        #expect(first.changes.map(\.change) + second.changes.map(\.change) == [1, 2, 3, 4])
        #expect(subscription.endReason == nil)
    }

    @Test func dropsASubscriberThatFallsTooFarBehind() async {
        let subscription = Subscription(limit: 4)
        subscription.deliver(batch(1...3))
        subscription.deliver(batch(4...5))
        #expect(subscription.endReason == .tooSlow)
        guard case .ended(.tooSlow) = await subscription.next(idle: .seconds(5)) else { Issue.record("not ended"); return }
        #expect(await subscription.ended() == .tooSlow)
    }

    @Test func reportsIdlenessAndTheEnd() async {
        let subscription = Subscription(limit: 4)
        guard case .idle = await subscription.next(idle: .milliseconds(10)) else { Issue.record("not idle"); return }
        subscription.end(.shutdown)
        subscription.end(.tooSlow)
        #expect(subscription.endReason == .shutdown, "the first reason wins")
    }
}
