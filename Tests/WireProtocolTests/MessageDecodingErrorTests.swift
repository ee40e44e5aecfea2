import BSON
import Testing
import WireProtocol

/// Each way a frame can be broken is refused with an error that says which.
@Suite struct MessageDecodingErrorTests {
    let body: Document = ["ping": 1, "$db": "admin"]

    private func decodingError(_ bytes: [UInt8], maxMessageSize: Int = 48_000_000) -> WireProtocolError? {
        do {
            _ = try WireMessage(decoding: bytes, maxMessageSize: maxMessageSize)
            return nil
        } catch {
            return error
        }
    }

    @Test func lengthBelowHeader() {
        let frame = Frame()
            .int32(12).int32(1).int32(0)
        #expect(decodingError(frame.bytes) == .lengthBelowHeader(declared: 12))
    }

    @Test func lengthOverLimitIsJudgedFromTheHeaderAlone() {
        let frame = Frame()
            .int32(48_000_001).int32(1).int32(0).int32(2013)
        #expect(decodingError(frame.bytes) == .lengthOverLimit(declared: 48_000_001, limit: 48_000_000))
    }

    @Test func lengthDisagreesWithBytes() {
        var bytes = Frame.opMsg(requestID: 1, body: body)
        bytes.append(0)
        #expect(decodingError(bytes) == .lengthMismatch(declared: bytes.count - 1, actual: bytes.count))
    }

    @Test(arguments: [2012, 2001, 2002, 2005, 2006, 2007, 2003, 42] as [Int32])
    func unsupportedOpCodes(_ code: Int32) {
        let frame = Frame(requestID: 1, opCode: code)
            .uint32(0).byte(0).document(body)
        #expect(decodingError(frame.finished()) == .unsupportedOpCode(OpCode(rawValue: code)))
    }

    @Test(arguments: [1 << 2, 1 << 15, 1 << 2 | 1 << 16] as [UInt32])
    func unknownRequiredFlagBits(_ flags: UInt32) {
        #expect(decodingError(Frame.opMsg(requestID: 1, flags: flags, body: body)) == .unknownRequiredFlags(flags))
    }

    @Test func unknownOptionalFlagBitsAreIgnored() throws {
        let message = try WireMessage(decoding: Frame.opMsg(requestID: 1, flags: 1 << 16 | 1 << 20, body: body))
        guard case .msg(let msg) = message.payload else { Issue.record("not an OP_MSG"); return }
        #expect(msg.flags.contains(.exhaustAllowed))
        #expect(msg.body == body)
    }

    @Test func checksumMismatch() {
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(1).byte(0).document(body)
        // The checksum covers the header, so it is computed with the final length already in place.
        let good = crc32c(frame.finished(extra: 4))
        #expect(decodingError(frame.uint32(good ^ 1).finished()) == .checksumMismatch(declared: good ^ 1, computed: good))
    }

    @Test func checksumFlagWithoutRoomForIt() {
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(1).byte(0)
        #expect(decodingError(frame.finished()) == .truncated(field: "OP_MSG checksum", needed: 4, available: 1))
    }

    @Test func noBodySection() {
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(0).sequence("documents", [["a": 1]])
        #expect(decodingError(frame.finished()) == .bodySectionCount(0))
    }

    @Test func twoBodySections() {
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(0).byte(0).document(body).byte(0).document(body)
        #expect(decodingError(frame.finished()) == .bodySectionCount(2))
    }

    @Test func unknownSectionKind() {
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(0).byte(0).document(body).byte(2).document(body)
        #expect(decodingError(frame.finished()) == .unknownSectionKind(2))
    }

    @Test func sequenceSizeOverrunsTheMessage() {
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(0).byte(0).document(body).byte(1).int32(500).cstring("documents")
        #expect(decodingError(frame.finished()) == .invalidSequenceSize(identifier: nil, declared: 500, available: 14))
    }

    @Test func sequenceSizeCutsADocumentShort() {
        let document: Document = ["a": 1]
        // The size claims two bytes fewer than the document needs; the leftover bytes follow the section.
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(0).byte(0).document(body).byte(1).int32(Int32(4 + 10 + document.byteCount - 2))
            .cstring("documents").document(document)
        guard case .truncated(let field, _, _)? = decodingError(frame.finished()) else {
            Issue.record("expected a truncated document")
            return
        }
        #expect(field == "OP_MSG document sequence 'documents'")
    }

    @Test func duplicateSequenceIdentifier() {
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(0).byte(0).document(body).sequence("documents", [["a": 1]]).sequence("documents", [["b": 2]])
        #expect(decodingError(frame.finished()) == .duplicateSequence(identifier: "documents"))
    }

    @Test func sequenceSharingANameWithABodyField() {
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(0).byte(0).document(["insert": "c", "documents": .array([])]).sequence("documents", [["a": 1]])
        #expect(decodingError(frame.finished()) == .duplicateSequence(identifier: "documents"))
    }

    @Test func invalidBSONBody() {
        var document = body.bytes
        document[4] = 0x20  // not a BSON type byte
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(0).byte(0).raw(document)
        guard case .invalidDocument(let field, _)? = decodingError(frame.finished()) else {
            Issue.record("expected invalid BSON")
            return
        }
        #expect(field == "OP_MSG body")
    }

    @Test func documentLengthRunsPastTheMessage() {
        var document = body.bytes
        document[0] = document[0] &+ 8
        let frame = Frame(requestID: 1, opCode: 2013)
            .uint32(0).byte(0).raw(document)
        #expect(decodingError(frame.finished()) == .truncated(field: "OP_MSG body", needed: document.count + 8, available: document.count))
    }

    @Test func opQueryNamespaceWithoutTerminator() {
        let frame = Frame(requestID: 1, opCode: 2004)
            .int32(0).raw(Array("admin.$cmd".utf8))
        #expect(decodingError(frame.finished()) == .invalidCString(field: "OP_QUERY fullCollectionName"))
    }

    @Test func opQueryTrailingBytes() {
        let frame = Frame(requestID: 1, opCode: 2004)
            .int32(0).cstring("admin.$cmd").int32(0).int32(-1).document(["isMaster": 1]).document([:]).byte(9)
        #expect(decodingError(frame.finished()) == .trailingBytes(count: 1, after: "OP_QUERY returnFieldsSelector"))
    }

    @Test func opReplyCountMismatch() {
        let frame = Frame(requestID: 1, responseTo: 1, opCode: 1)
            .int32(0).int64(0).int32(0).int32(2).document(["ok": 1])
        #expect(decodingError(frame.finished()) == .replyCountMismatch(declared: 2, actual: 1))
    }
}
