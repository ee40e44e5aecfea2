import NIOCore

/// Cuts a byte stream into NDJSON lines as its chunks arrive, numbering them from 1. Holds at most
/// `maxLineBytes` of an unfinished line: a longer line is reported as `.tooLong` and the rest of it is
/// skipped up to its newline without being kept, so a hostile body cannot make the reader buffer it.
/// A line ends at `\n`; a `\r` before it is dropped. The last line needs no newline.
struct NDJSONLineSplitter {
    enum Piece: Equatable {
        case line(number: Int, bytes: [UInt8])
        case tooLong(number: Int)
    }

    let maxLineBytes: Int
    private var partial: [UInt8] = []
    /// The current line went over the limit: its bytes are dropped until its newline.
    private var skipping = false
    private var lineNumber = 0

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// The lines `chunk` completes, in order.
    mutating func pieces(in chunk: ByteBuffer) -> [Piece] {
        var pieces: [Piece] = []
        chunk.withUnsafeReadableBytes { bytes in
            var start = 0
            while start < bytes.count {
                let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
                let end = newline ?? bytes.count
                if !skipping {
                    // One byte of slack for the `\r` of a CRLF line, which `finishLine` drops and then checks.
                    if partial.count + (end - start) > maxLineBytes + 1 {
                        skipping = true
                        partial.removeAll(keepingCapacity: false)
                    } else {
                        partial.append(contentsOf: bytes[start..<end])
                    }
                }
                guard let newline else { break }
                pieces.append(finishLine())
                start = newline + 1
            }
        }
        return pieces
    }

    /// The last line, when the stream ended without a newline after it.
    mutating func finish() -> Piece? {
        guard skipping || !partial.isEmpty else { return nil }
        return finishLine()
    }

    private mutating func finishLine() -> Piece {
        lineNumber += 1
        defer {
            partial.removeAll(keepingCapacity: partial.count <= 64 * 1024)
            skipping = false
        }
        if partial.last == UInt8(ascii: "\r") { partial.removeLast() }
        if skipping || partial.count > maxLineBytes { return .tooLong(number: lineNumber) }
        return .line(number: lineNumber, bytes: partial)
    }
}
