extension Duration {
    /// The duration in whole milliseconds (rounded down), or nil when that does not fit in 64 bits.
    public var wholeMilliseconds: Int64? {
        let (seconds, attoseconds) = components
        let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        guard !overflow else { return nil }
        let (total, overflowAgain) = ms.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return overflowAgain ? nil : total
    }
}
