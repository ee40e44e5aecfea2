import NIOCore

/// Imports an NDJSON stream into a room as its chunks arrive: lines are cut (`NDJSONLineSplitter`), read
/// (`ImportLine`) and stored `batchSize` at a time (`MessageStore.importMessages`), so memory stays
/// bounded by one batch and one line however long the stream. A bad line is reported by number and the
/// others go on; blank lines are skipped (but counted in the numbering, as an editor counts them).
public struct RoomImport<Store: MessageStore>: Sendable {
    public static var maxLineBytes: Int { 1_048_576 }

    let store: Store
    let roomID: String
    let maxContentBytes: Int
    var batchSize = 500

    /// Throws when `roomID` is not a valid room name.
    public init(store: Store, roomID: String, maxContentBytes: Int) throws(MessageValidationError) {
        try Validation.checkRoomID(roomID)
        self.store = store
        self.roomID = roomID
        self.maxContentBytes = maxContentBytes
    }

    /// Why an import stopped before the end of its stream.
    public enum Stop: Error {
        /// More than `limit` bytes arrived; the lines before `line` were imported (`report`).
        case tooLarge(limit: Int, report: ImportReport)
    }

    /// Reads `chunks` to their end, or until `maxBytes` have arrived (throwing `Stop.tooLarge`). `progress`
    /// is called after every batch with the report so far and the bytes read. A store failure ends the import
    /// with that error; the batches before it stay stored (a re-run finds them `existing`).
    public func run<Chunks: AsyncSequence>(
        _ chunks: Chunks, maxBytes: Int = .max, progress: (ImportReport, Int) async -> Void = { _, _ in }
    ) async throws -> ImportReport where Chunks.Element == ByteBuffer {
        var report = ImportReport()
        var splitter = NDJSONLineSplitter(maxLineBytes: Self.maxLineBytes)
        var batch: [ImportedMessage] = []
        var batchLines: [Int] = []
        var bytesRead = 0

        func flush() async throws {
            guard !batch.isEmpty else { return }
            let outcomes = try await store.importMessages(batch, roomID: roomID)
            for (line, outcome) in zip(batchLines, outcomes) {
                switch outcome {
                case .imported: report.imported += 1
                case .existing: report.existing += 1
                case .refused(let refusal): report.fail(line: line, .refused(refusal))
                }
            }
            batch.removeAll(keepingCapacity: true)
            batchLines.removeAll(keepingCapacity: true)
            await progress(report, bytesRead)
        }

        func take(_ piece: NDJSONLineSplitter.Piece) async throws {
            switch piece {
            case .tooLong(let number):
                report.fail(line: number, .tooLong(maxBytes: Self.maxLineBytes))
            case .line(let number, let bytes):
                if bytes.allSatisfy(Self.isJSONWhitespace) { return }
                do {
                    batch.append(try ImportLine.parse(bytes, maxContentBytes: maxContentBytes))
                    batchLines.append(number)
                } catch {
                    report.fail(line: number, error)
                }
                if batch.count >= batchSize { try await flush() }
            }
        }

        for try await chunk in chunks {
            bytesRead += chunk.readableBytes
            if bytesRead > maxBytes {
                try await flush()
                throw Stop.tooLarge(limit: maxBytes, report: report)
            }
            for piece in splitter.pieces(in: chunk) { try await take(piece) }
        }
        if let last = splitter.finish() { try await take(last) }
        try await flush()
        return report
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
