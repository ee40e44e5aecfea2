/// How often a writer reads the room's head again after another writer took the number it wanted.
/// Each retry means another write to the room committed, so the room as a whole always progresses; the
/// bound only keeps one unlucky request from looping without end under a storm of writers (503, retry).
enum NumberRetry {
    static let attempts = 200

    /// A short, growing, jittered pause after the first few collisions, so colliding writers spread out.
    static func pause(after attempt: Int) async throws {
        guard attempt >= 3 else { return }
        let ceiling = min(20, attempt) * 250
        try await Task.sleep(for: .microseconds(Int.random(in: 50...ceiling)))
    }
}
