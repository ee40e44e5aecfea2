import Foundation

/// Progress of a long command on standard error, so it never mixes with the data on standard output.
/// On a terminal, one bar redrawn in place (done, rate, ETA) at most ten times a second; otherwise (a
/// log, a pipe) a plain line every `plainInterval`. The ETA needs a known total: messages for an export,
/// bytes of the file for an import.
final class ProgressMeter {
    static let plainInterval: Duration = .seconds(5)

    private let label: String
    /// What is counted: messages for an export, lines for an import (failed ones count too).
    private let unit: String
    private let isTerminal: Bool
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant?

    init(label: String, unit: String, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.unit = unit
        self.isTerminal = isTerminal
        started = clock.now
    }

    /// `done` messages so far; `fraction` of the whole (0...1) when known, for the bar and the ETA.
    func update(done: Int, fraction: Double?) async {
        let now = clock.now
        if let lastDrawn, now - lastDrawn < (isTerminal ? .milliseconds(100) : Self.plainInterval) { return }
        lastDrawn = now
        await draw(done: done, fraction: fraction, now: now)
    }

    /// The final state, on a line of its own.
    func finish(done: Int, summary: String) async {
        let seconds = max(0.001, Self.seconds(clock.now - started))
        let line = "\(label): \(summary) in \(String(format: "%.1f", seconds)) s (\(Self.grouped(Int(Double(done) / seconds))) \(unit)/s)"
        await Self.write(isTerminal ? "\r\u{1B}[K" + line + "\n" : line + "\n")
    }

    private func draw(done: Int, fraction: Double?, now: ContinuousClock.Instant) async {
        let elapsed = Self.seconds(now - started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var eta = "?"
        if let fraction, fraction > 0, elapsed > 0 {
            eta = Self.clockTime(elapsed * (1 - min(1, fraction)) / fraction)
        }
        let counts = "\(Self.grouped(done)) \(unit), \(Self.grouped(Int(rate)))/s, ETA \(eta)"
        if isTerminal {
            let width = 30
            let filled = Int((fraction ?? 0).clamped(to: 0...1) * Double(width))
            let percent = fraction.map { String(format: "%3.0f%%", $0.clamped(to: 0...1) * 100) } ?? "   ?"
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            await Self.write("\r\u{1B}[K\(label) [\(bar)] \(percent) \(counts)")
        } else {
            await Self.write("\(label): \(counts)\n")
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func clockTime(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }

    private static func grouped(_ value: Int) -> String {
        var digits = String(value)
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
            index -= 3
        }
        return digits
    }

    /// The bar is redrawn in place, so no line end is added.
    private static func write(_ text: String) async {
        await StandardError.write(text, terminator: "")
    }
}

private extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(range.upperBound, Swift.max(range.lowerBound, self)) }
}
