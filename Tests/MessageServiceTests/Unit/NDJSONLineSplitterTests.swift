import NIOCore
import Testing
@testable import MessageService

@Suite struct NDJSONLineSplitterTests {
    private func split(_ chunks: [String], max: Int = 16) -> [NDJSONLineSplitter.Piece] {
        var splitter = NDJSONLineSplitter(maxLineBytes: max)
        var pieces = chunks.flatMap { splitter.pieces(in: ByteBuffer(string: $0)) }
        if let last = splitter.finish() { pieces.append(last) }
        return pieces
    }

    private func line(_ number: Int, _ text: String) -> NDJSONLineSplitter.Piece {
        .line(number: number, bytes: Array(text.utf8))
    }

    @Test func linesCutAcrossChunksComeOutWhole() {
        #expect(split(["{\"a\"", ":1}\n{\"b\":2", "}\n"]) == [line(1, "{\"a\":1}"), line(2, "{\"b\":2}")])
    }

    @Test func crlfAndAFinalLineWithoutNewline() {
        #expect(split(["a\r\nb\r", "\nc"]) == [line(1, "a"), line(2, "b"), line(3, "c")])
    }

    @Test func blankLinesKeepTheirNumbers() {
        #expect(split(["a\n\nb\n"]) == [line(1, "a"), line(2, ""), line(3, "b")])
    }

    @Test func aLineAtTheLimitIsKeptOneByteMoreIsReportedAndSkipped() {
        let exact = String(repeating: "x", count: 16)
        #expect(split([exact + "\n"]) == [line(1, exact)])
        #expect(split([exact + "\r\n"]) == [line(1, exact)])
        // Spread over chunks, the long line is dropped as it comes and the next line still comes out.
        #expect(split([exact, "yy", String(repeating: "z", count: 40), "\nok\n"]) == [.tooLong(number: 1), line(2, "ok")])
        #expect(split([exact + "y"]) == [.tooLong(number: 1)])
    }

    @Test func nothingAfterTheLastNewlineIsNoLine() {
        #expect(split(["a\n"]) == [line(1, "a")])
        #expect(split([]) == [])
    }
}
