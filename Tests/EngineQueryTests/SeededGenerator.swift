/// SplitMix64: a tiny deterministic generator so a failing randomized run can be replayed from its
/// seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator {
    /// The seeds a randomized test runs with: two fixed ones, so every run covers the same ground,
    /// and one fresh one, so runs over time explore more. `EQ_SEED` replays a single seed.
    static var testSeeds: [UInt64] {
        if let text = ProcessInfoLite.environment("EQ_SEED"), let seed = UInt64(text) { return [seed] }
        return [0x5EED_0001, 0x5EED_0002, UInt64.random(in: 1...UInt64.max)]
    }
}

/// Reads one environment variable without Foundation.
enum ProcessInfoLite {
    static func environment(_ name: String) -> String? {
        #if canImport(Glibc)
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
        #else
        return nil
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
