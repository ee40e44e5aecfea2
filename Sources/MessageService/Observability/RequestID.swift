import HTTPTypes
import Synchronization

/// A request's correlation id: the client's `X-Request-Id` when it is safe to echo and to log, else one
/// made here. A bad id never fails the request; it is only replaced.
struct RequestID: Sendable, Hashable, CustomStringConvertible {
    static let header = HTTPField.Name("X-Request-Id")!
    /// Long enough for a UUID or a trace id with a prefix; short enough to keep log lines small.
    static let maxLength = 128

    let description: String

    /// The client's id if it is 1 to `maxLength` characters of `A-Z a-z 0-9 . _ -` (nothing that could
    /// split a log line, forge a JSON field or carry a payload), else a fresh one.
    init(offered: String?) {
        if let offered, Self.isAcceptable(offered) {
            description = offered
        } else {
            self = Self.generate()
        }
    }

    private init(validated: String) { description = validated }

    static func isAcceptable(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...maxLength).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// 32 lowercase hex digits: a random half chosen once per process, then a counter, so ids never repeat
    /// within a process, differ between processes, and cost no system call per request.
    static func generate() -> RequestID {
        let sequence = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return RequestID(validated: processPrefix + hex(sequence))
    }

    private static let processPrefix: String = {
        var generator = SystemRandomNumberGenerator()
        return hex(generator.next())
    }()

    private static let counter = Atomic<UInt64>(0)

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
