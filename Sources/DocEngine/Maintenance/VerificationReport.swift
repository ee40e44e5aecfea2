/// What `StoreVerifier` found: the problems (the first `limit` of them, and how many more), and what it
/// looked at.
public struct VerificationReport: Sendable {
    /// A broken index can produce one problem per document; past this many only the count is kept.
    public static let limit = 200

    public private(set) var problems: [StoreProblem] = []
    public private(set) var unlistedProblems = 0
    public internal(set) var collections: [CollectionTally] = []

    public var isHealthy: Bool { problems.isEmpty && unlistedProblems == 0 }

    mutating func add(_ problem: StoreProblem) {
        if problems.count < Self.limit { problems.append(problem) } else { unlistedProblems += 1 }
    }
}

/// A collection and how much of it there is.
public struct CollectionTally: Sendable, Equatable {
    public let namespace: String
    public let documents: Int
    public let indexes: Int
}
