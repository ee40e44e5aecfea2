/// What an update needs to know about the write it is part of.
public struct UpdateContext: Sendable {
    /// Milliseconds since the Unix epoch, for `$currentDate`.
    public var now: Int64
    /// True when the update builds an upsert's new document, the only time `$setOnInsert` applies.
    public var isInsert: Bool

    public init(now: Int64, isInsert: Bool) {
        self.now = now
        self.isInsert = isInsert
    }
}
