"""Bulk-loads the data set into a running `msgsvc engine` with pymongo, in msgsvc's own document shape,
with each room's `seq` and `change` numbered 1, 2, 3… in history order, then creates msgsvc's indexes
(same keys, order and options as Sources/MessageService/Store/MessageDocument.swift, so msgsvc's start-up
createIndexes finds them already there) and the marker that says no earlier-version messages need numbering
(Sources/MessageService/Store/SeqBackfill.swift).

    .venv/bin/python load_engine.py --port P --now-ms T [--rooms R --per-room M --big B --small S]
"""
import argparse
import concurrent.futures
import struct
import sys
import time

import pymongo
from bson import ObjectId
from bson.datetime_ms import DatetimeMS

import dataset

BATCH = 10_000


def main():
    parser = argparse.ArgumentParser()
    dataset.add_arguments(parser)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", default="msgsvc")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    client = pymongo.MongoClient("127.0.0.1", args.port, directConnection=True,
                                 serverSelectionTimeoutMS=30_000, maxPoolSize=args.workers + 1)
    client.admin.command("ping")
    messages = client[args.database]["messages"]

    base_seq = {}
    total = 0
    for segment in dataset.segments(args):
        base_seq[segment.tag] = total
        total += segment.count

    def insert(task):
        segment, lo, hi = task
        offset = base_seq[segment.tag]
        docs = []
        for seq, room_id, ts, sender, content, client_id in segment.rows(lo, hi):
            # Rows go round the segment's rooms in timestamp order, so a row's place in its room is its
            # index divided by the number of rooms.
            number = seq // (segment.rooms if segment.room is None else 1) + 1
            # An ObjectId like a driver's: creation second first, then a unique tail.
            doc = {"_id": ObjectId(struct.pack(">IQ", ts // 1000, offset + seq)), "room_id": room_id,
                   "seq": number, "change": number, "timestamp": DatetimeMS(ts), "sender": sender,
                   "content": content}
            if client_id is not None:
                doc["client_id"] = client_id
            docs.append(doc)
        result = messages.insert_many(docs, ordered=False)
        return len(result.inserted_ids)

    tasks = [(segment, lo, min(lo + BATCH, segment.count))
             for segment in dataset.segments(args) for lo in range(0, segment.count, BATCH)]
    started = time.monotonic()
    inserted = 0
    with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        for n in pool.map(insert, tasks):
            inserted += n
    insert_seconds = time.monotonic() - started

    started = time.monotonic()
    messages.create_index([("room_id", 1), ("timestamp", 1), ("_id", 1)])
    messages.create_index([("room_id", 1), ("seq", 1)], unique=True)
    messages.create_index([("room_id", 1), ("change", 1)], unique=True)
    client[args.database]["msgsvc_meta"].insert_one({"_id": "seq_backfill_v1"})
    messages.create_index([("room_id", 1), ("client_id", 1)], unique=True,
                          partialFilterExpression={"client_id": {"$exists": True}})
    # MessageDocument+SearchIndexes.swift: a sender's history, and search.
    messages.create_index([("room_id", 1), ("sender", 1), ("seq", 1)])
    messages.create_index([("room_id", 1), ("content", "text")])
    index_seconds = time.monotonic() - started

    count = messages.estimated_document_count()
    if inserted != total or count != total:
        sys.exit(f"load_engine: expected {total} documents, inserted {inserted}, collection has {count}")
    print(f"engine: {inserted} documents inserted in {insert_seconds:.1f}s "
          f"({inserted / insert_seconds:.0f}/s), indexes built in {index_seconds:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
