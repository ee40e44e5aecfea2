import NIOCore

/// What an import did: how many messages it stored, how many were already there, and which lines failed
/// and why. Only the first `maxListedFailures` failures are listed, so that a body of bad lines cannot
/// make the answer as large as itself; the rest are counted.
public struct ImportReport: Sendable, Equatable {
    public struct Failure: Sendable, Equatable {
        public var line: Int
        public var error: String
    }

    public static let maxListedFailures = 1000

    public var imported = 0
    public var existing = 0
    public private(set) var failed: [Failure] = []
    /// Failures beyond `maxListedFailures`, counted but not listed.
    public private(set) var unlistedFailures = 0

    public init() {}

    /// Lines read so far, blank ones aside.
    public var linesDone: Int { imported + existing + failed.count + unlistedFailures }

    mutating func fail(line: Int, _ error: ImportLineError) {
        if failed.count < Self.maxListedFailures {
            failed.append(Failure(line: line, error: error.description))
        } else {
            unlistedFailures += 1
        }
    }

    /// `{"imported": n, "existing": n, "failed": [{"line": k, "error": "…"}]}`, plus
    /// `"failed_unlisted": n` only when some failures were not listed.
    /// The report as the import route answers it, for the command line to print.
    public var jsonText: String { String(buffer: json.finish()) }

    var json: JSONWriter {
        var object = JSONWriter(capacity: 64 + failed.count * 96)
        object.integer("imported", Int64(imported))
        object.integer("existing", Int64(existing))
        object.array("failed", of: failed) { failure, element in
            element.integer("line", Int64(failure.line))
            element.string("error", failure.error)
        }
        if unlistedFailures > 0 { object.integer("failed_unlisted", Int64(unlistedFailures)) }
        return object
    }
}
