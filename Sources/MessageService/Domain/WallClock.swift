#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The source of message timestamps: milliseconds since the Unix epoch, UTC.
///
/// Stores take one so tests can make many messages share a millisecond.
public struct WallClock: Sendable {
    public var milliseconds: @Sendable () -> Int64

    public init(milliseconds: @escaping @Sendable () -> Int64) {
        self.milliseconds = milliseconds
    }

    /// The system's real-time clock.
    public static let system = WallClock {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
