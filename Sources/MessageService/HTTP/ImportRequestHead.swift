import Hummingbird

/// Recognises an import (`POST /rooms/{room_id}/import`) from its head alone, before routing: its body is
/// streamed into the store, so `RequestDeadlineHandler` paces it rather than holding it to the whole-body
/// deadline.
enum ImportRequestHead {
    @Sendable static func matches(_ head: HTTPRequest) -> Bool {
        guard head.method == .post, let path = head.path else { return false }
        let route = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = route.split(separator: "/")
        return segments.count == 3 && segments[0] == "rooms" && segments[2] == "import"
    }
}
