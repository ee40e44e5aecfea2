#!/usr/bin/env python3
"""/live fan-out: one writer, N subscribers on one room's Server-Sent Events stream.

Opens the subscribers, waits until every one has its stream (the `retry:` line comes first), then posts
messages at a steady rate whose content carries the send time. Each subscriber notes when each message
reaches it; the delivery latency is that moment minus the send time (one clock: everything runs here).
Prints one JSON record for results.py: events delivered and expected, latency p50/p99/max in seconds.

    live_fanout.py BASE_URL [--subscribers 200] [--messages 50] [--rate 10]
"""
import argparse
import http.client
import json
import re
import socket
import sys
import threading
import time
import urllib.parse

STAMP = re.compile(rb'fanout t=(\d+)')


class Subscriber(threading.Thread):
    """Reads one SSE stream (chunked HTTP/1.1), keeping the arrival time of each stamped message once."""

    def __init__(self, host, port, room, ready):
        super().__init__(daemon=True)
        self.host, self.port, self.room, self.ready = host, port, room, ready
        self.arrivals = {}  # send stamp -> arrival, in ns
        self.error = None
        self.stop = False

    def run(self):
        try:
            sock = socket.create_connection((self.host, self.port), timeout=30)
            sock.sendall(f"GET /rooms/{self.room}/live HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n".encode())
            reader = sock.makefile("rb")
            status = reader.readline()
            if b" 200 " not in status:
                raise RuntimeError(f"subscribe answered {status!r}")
            chunked = False
            while (line := reader.readline()) not in (b"\r\n", b""):
                chunked |= line.lower().startswith(b"transfer-encoding:") and b"chunked" in line.lower()
            signalled = False
            pending = b""
            while not self.stop:
                if chunked:
                    size_line = reader.readline()
                    if not size_line:
                        break
                    size = int(size_line.split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        break
                    data = reader.read(size)
                    reader.readline()
                else:
                    data = reader.read1(65536)
                    if not data:
                        break
                now = time.monotonic_ns()
                pending += data
                *events, pending = pending.split(b"\n\n")
                for event in events:
                    if event.startswith(b"retry:") and not signalled:
                        signalled = True
                        self.ready.release()
                    for stamp in STAMP.findall(event):
                        self.arrivals.setdefault(int(stamp), now)
            sock.close()
        except Exception as error:  # reported by the main thread
            self.error = error
            self.ready.release()


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--subscribers", type=int, default=200)
    parser.add_argument("--messages", type=int, default=50)
    parser.add_argument("--rate", type=float, default=10.0)
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.base)
    room = f"fanout-{time.time_ns()}"

    ready = threading.Semaphore(0)
    subscribers = [Subscriber(url.hostname, url.port, room, ready) for _ in range(args.subscribers)]
    for s in subscribers:
        s.start()
    for _ in subscribers:
        if not ready.acquire(timeout=60):
            sys.exit("live_fanout: subscribers did not all connect within 60 s")
    failed = [s.error for s in subscribers if s.error]
    if failed:
        sys.exit(f"live_fanout: {len(failed)} subscribers failed: {failed[0]}")

    writer = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    sent = []
    interval = 1.0 / args.rate
    start = time.monotonic()
    for i in range(args.messages):
        time.sleep(max(0.0, start + i * interval - time.monotonic()))
        stamp = time.monotonic_ns()
        body = json.dumps({"sender": "bench", "content": f"fanout t={stamp}"})
        writer.request("POST", f"/rooms/{room}/messages", body, {"Content-Type": "application/json"})
        response = writer.getresponse()
        response.read()
        if response.status != 201:
            sys.exit(f"live_fanout: POST answered {response.status}")
        sent.append(stamp)

    # Every subscriber should have every message; wait for it, at most 10 s.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(len(s.arrivals) < len(sent) for s in subscribers):
        time.sleep(0.05)
    for s in subscribers:
        s.stop = True

    latencies = [(arrival - stamp) / 1e9 for s in subscribers for stamp, arrival in s.arrivals.items() if stamp in sent]
    record = {
        "kind": "live", "subscribers": args.subscribers, "messages": len(sent),
        "delivered": len(latencies), "expected": len(sent) * args.subscribers,
        "p50": percentile(latencies, 50), "p99": percentile(latencies, 99), "max": max(latencies, default=None),
    }
    print(json.dumps(record))
    if not latencies:
        sys.exit("live_fanout: no message reached any subscriber")
    print(f"bench:   /live fan-out: {record['delivered']:,} of {record['expected']:,} deliveries, "
          f"p50 {record['p50'] * 1000:.1f} ms, p99 {record['p99'] * 1000:.1f} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
