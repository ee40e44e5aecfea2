/// Where a scan stopped, so a later batch resumes right after it: the last index entry (key, rid) for
/// an index scan, the last rid for a collection scan.
struct ScanPosition: Sendable {
    let key: [UInt8]?
    let rid: Int64
}

/// What a scan looked at, for explain.
struct ScanStats: Sendable {
    var keysExamined = 0
    var docsExamined = 0
}
