#!/usr/bin/env python3
"""Search latency: GET /rooms/ROOM/search with random common words of the data set, one request at a time
on one keep-alive connection, after a few unmeasured warm-up requests. One word in most queries, two (both
required) in the rest, seeded so every run asks the same. Each answer must be 200 with results (every word
chosen appears in a large share of the room). Prints one JSON record for results.py: the room's size, the
number of queries, errors, and latency p50/p99/max in seconds.

    search.py BASE_URL [--room room-big] [--messages N] [--queries 200] [--limit 20]
"""
import argparse
import http.client
import json
import random
import sys
import time
import urllib.parse

# Words of dataset.py's vocabulary that are not stop words: each is in many messages of every room.
WORDS = ["standup", "review", "lunch", "build", "green", "ticket", "meeting", "thursday", "team", "deploy",
         "dashboards", "errors", "fix", "quick", "noon", "hello", "pushed", "finished", "normal", "tomorrow"]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--room", default="room-big")
    parser.add_argument("--messages", type=int, default=0, help="the room's size, for the report")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    rng = random.Random(7)
    latencies, errors, empty = [], 0, 0
    for i in range(args.warmup + args.queries):
        words = rng.sample(WORDS, 1 if rng.random() < 0.7 else 2)
        query = urllib.parse.urlencode({"q": " ".join(words), "limit": args.limit})
        started = time.perf_counter()
        connection.request("GET", f"/rooms/{args.room}/search?{query}")
        response = connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        if i < args.warmup:
            continue
        if response.status != 200:
            errors += 1
            print(f"search: {response.status} for {query}: {body[:200]!r}", file=sys.stderr)
            continue
        if not json.loads(body)["results"]:
            empty += 1
        latencies.append(elapsed)
    if not latencies:
        sys.exit("search: no successful queries")
    print(json.dumps({"kind": "search", "room": args.room, "messages": args.messages, "queries": args.queries,
                      "errors": errors, "empty": empty, "limit": args.limit,
                      "p50": percentile(latencies, 50), "p99": percentile(latencies, 99), "max": max(latencies)}))
    print(f"bench:   search {args.room}: p50 {percentile(latencies, 50) * 1000:.1f} ms, "
          f"p99 {percentile(latencies, 99) * 1000:.1f} ms, {errors} errors, {empty} empty", file=sys.stderr)


if __name__ == "__main__":
    main()
