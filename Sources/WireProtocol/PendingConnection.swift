import NIOCore

/// An accepted connection on its way from the listener to its serving task. NIO drops connections still
/// buffered in a listener's stream when that stream ends (at shutdown, or if its consumer stops), and a
/// dropped NIOAsyncChannel that was never run traps (apple/swift-nio#2813). If this box is released
/// without `take()`, it closes the connection properly instead.
///
/// Unchecked Sendable: `taken` is written once, by the one task that received the box, and read only in
/// deinit, which runs after that task's last release (reference counting orders the two).
final class PendingConnection: @unchecked Sendable {
    typealias Connection = NIOAsyncChannel<ByteBuffer, ByteBuffer>

    private let connection: Connection
    private var taken = false

    init(_ connection: Connection) { self.connection = connection }

    /// Hands the connection to its serving task, which must run `executeThenClose` on it.
    func take() -> Connection {
        taken = true
        return connection
    }

    deinit {
        guard !taken else { return }
        let orphan = connection
        Task { try? await orphan.executeThenClose { _, _ in } }
    }
}
