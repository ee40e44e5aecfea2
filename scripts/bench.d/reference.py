"""The reference msgsvc is measured against: what this machine's disk allows for durable writes.

SQLite in WAL mode with synchronous=FULL, one small row per transaction (one fsync each, what an
unbatched durable store can do), and the same with 32 rows per transaction (what batching buys)."""
import os
import sqlite3
import sys
import tempfile
import time

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
directory = tempfile.mkdtemp(prefix="msgsvc-bench-ref-")
db = sqlite3.connect(os.path.join(directory, "ref.sqlite"), isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE m(id INTEGER PRIMARY KEY, room TEXT, ts INTEGER, body BLOB)")
db.execute("CREATE INDEX m_room_ts ON m(room, ts, id)")
payload = b"x" * 120


def run(batch):
    n = 0
    deadline = time.perf_counter() + seconds
    start = time.perf_counter()
    while time.perf_counter() < deadline:
        db.execute("BEGIN")
        for _ in range(batch):
            db.execute("INSERT INTO m(room, ts, body) VALUES (?, ?, ?)", ("bench", n, payload))
            n += 1
        db.execute("COMMIT")
    return n / (time.perf_counter() - start)


print(f"reference  sqlite WAL fsync, 1 row/commit:   {run(1):10.0f} rows/s")
print(f"reference  sqlite WAL fsync, 32 rows/commit: {run(32):10.0f} rows/s")
