import BSON
import MongoPool

extension MongoMessageStore {
    /// The text index finds the messages holding any of the query's words, newest first; `SearchMatcher`
    /// keeps those that match the whole query. A round reads a page's worth plus one first (enough when every
    /// candidate matches, as for a one-word query), then more per round while matches are sparse.
    static let maxSearchRound = 1000
    /// A request stops after examining this many candidates and answers with what it found so far and
    /// a cursor after the last one examined, so a rare combination of common words cannot make one
    /// request read a whole room.
    static let maxSearchExamined = 2000

    private static let newestFirst: Document = ["seq": -1]

    public func search(_ request: SearchRequest) async throws -> SearchPage {
        let matcher = request.matcher
        let search = request.query.indexSearch
        var found: [Message] = []
        var before = request.before
        var round = request.limit + 1
        var examined = 0
        while true {
            let filter = MessageDocument.searchFilter(
                roomID: request.roomID, search: search, sender: request.sender, before: before)
            let candidates = try await mapped {
                try await client.find(
                    filter, in: namespace,
                    options: FindOptions(sort: Self.newestFirst, limit: round, batchSize: round, singleBatch: true),
                    decoding: MessageDocument.decode)
            }
            for candidate in candidates {
                examined += 1
                before = candidate.position
                guard matcher.matches(candidate.content) else { continue }
                // One match more than the page shows that more exist: the page ends at the one before.
                if found.count == request.limit { return SearchPage(messages: found, resumeBefore: found.last?.position) }
                found.append(candidate)
            }
            if candidates.count < round { return SearchPage(messages: found, resumeBefore: nil) }
            if examined >= Self.maxSearchExamined { return SearchPage(messages: found, resumeBefore: before) }
            // Doubling keeps what a round reads past the last match it needs to at most as much again.
            round = min(round * 2, Self.maxSearchRound, Self.maxSearchExamined - examined)
        }
    }
}
