/// What one poll of a room's feed found: every change after `from` up to and including `through`, in
/// change order (the latest state of each message whose latest change is in that range).
struct FeedBatch: Sendable {
    var from: Int64
    var through: Int64
    var changes: [Message]
}
