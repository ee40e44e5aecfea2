"""The benchmark's data set, generated the same way for msgsvc's engine and for PostgreSQL.

Rooms `room-1` .. `room-R` get M messages each, interleaved in time; `room-big` gets B messages and
`room-small` S messages. Every message has a sender from a small set, a 60-120 character content, a
millisecond timestamp that increases with its position (all of them end a minute before `now_ms`), and one
in three has a client_id. The rows depend only on the parameters, so both stores receive identical data.

Run as a script it writes the rows in PostgreSQL's COPY text format to stdout:
    python3 dataset.py --rooms R --per-room M --big B --small S --now-ms T
"""
import argparse
import sys

SENDERS = [f"user-{n}" for n in range(1, 21)]

_WORDS = (
    "hello there anyone around for the standup today I pushed the fix to review can someone take a look "
    "lunch at noon sounds good the build is green again thanks for the quick turnaround on that ticket "
    "we should move the meeting to thursday because half the team is out tomorrow let me know what works "
    "deploy finished without errors and the dashboards look normal so far ping me if you see anything odd"
).split()


def _contents():
    """4,096 phrases of 52-110 characters; the message number appended makes each 60-120 long."""
    out = []
    state = 12345
    for _ in range(4096):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        target = 52 + state % 59
        words = []
        length = 0
        k = state
        while length < target:
            k = (k * 1103515245 + 12345) & 0x7FFFFFFF
            word = _WORDS[k % len(_WORDS)]
            words.append(word)
            length += len(word) + 1
        out.append(" ".join(words)[:target].rstrip())
    return out


CONTENTS = _contents()
STEP_MS = 50  # time between consecutive messages of one series


class Segment:
    """A series of messages: either spread round-robin over `rooms` rooms, or all in one named room."""

    def __init__(self, tag, count, now_ms, rooms=None, room=None):
        self.tag, self.count, self.rooms, self.room = tag, count, rooms, room
        self.first_ms = now_ms - 60_000 - count * STEP_MS

    def rows(self, lo, hi):
        """Rows lo..hi-1 as (seq, room_id, timestamp_ms, sender, content, client_id or None)."""
        contents, senders = CONTENTS, SENDERS
        rooms, room, tag, first = self.rooms, self.room, self.tag, self.first_ms
        for i in range(lo, hi):
            room_id = room if room is not None else f"room-{i % rooms + 1}"
            h = (i * 2654435761) & 0xFFFFFFFF
            content = f"{contents[h & 4095]} #{i}"
            client_id = f"{tag}-{i}" if i % 3 == 0 else None
            yield (i, room_id, first + i * STEP_MS, senders[(h >> 12) % 20], content, client_id)


def segments(args):
    return [
        Segment("r", args.rooms * args.per_room, args.now_ms, rooms=args.rooms),
        Segment("b", args.big, args.now_ms, room="room-big"),
        Segment("s", args.small, args.now_ms, room="room-small"),
    ]


def add_arguments(parser):
    parser.add_argument("--rooms", type=int, default=1000)
    parser.add_argument("--per-room", type=int, default=1000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--now-ms", type=int, required=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    add_arguments(parser)
    args = parser.parse_args()
    out = sys.stdout
    write = out.write
    for segment in segments(args):
        chunk = []
        for _, room_id, ts, sender, content, client_id in segment.rows(0, segment.count):
            chunk.append(f"{room_id}\t{ts}\t{sender}\t{content}\t{client_id or chr(92) + 'N'}\n")
            if len(chunk) >= 10_000:
                write("".join(chunk))
                chunk = []
        write("".join(chunk))
    out.flush()


if __name__ == "__main__":
    main()
