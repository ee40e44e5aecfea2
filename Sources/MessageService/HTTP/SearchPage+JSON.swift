import NIOCore

extension SearchPage {
    /// `{"results": [{"message": {...}, "highlights": [[start, end], …]}…], "next_cursor": string|null,
    /// "has_more": bool}`: highlights are UTF-16 offsets into the message's content, end exclusive;
    /// next_cursor (pass it as `before=`) is null when nothing older can match.
    func json(roomID: String, matcher: SearchMatcher) -> JSONWriter {
        var capacity = 120
        for message in messages { capacity += message.estimatedJSONByteCount + 64 }
        var object = JSONWriter(capacity: capacity)
        object.array("results", of: messages) { message, result in
            result.object("message", message.json)
            Self.writeHighlights(matcher.highlights(in: message.content), into: &result)
        }
        if let resumeBefore {
            object.member("next_cursor", valueCount: CursorCodec.quotedCount) { out, offset in
                CursorCodec.writeQuoted(resumeBefore, roomID: roomID, to: out, at: offset)
            }
        } else {
            object.stringOrNull("next_cursor", nil)
        }
        object.bool("has_more", hasMore)
        return object
    }

    private static func writeHighlights(_ ranges: [Range<Int>], into object: inout JSONWriter) {
        let text = "[" + ranges.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",") + "]"
        object.member("highlights", valueCount: text.utf8.count) { out, offset in
            UnsafeMutableRawBufferPointer(rebasing: out[offset..<(offset + text.utf8.count)]).copyBytes(from: text.utf8)
            return offset + text.utf8.count
        }
    }
}
