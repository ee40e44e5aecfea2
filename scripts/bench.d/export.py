#!/usr/bin/env python3
"""Room export throughput and memory: fills one room through POST /import, then reads GET /export.

Starts its own msgsvc (the given binary, embedded engine, a fresh temporary data directory, removed at
exit), imports N bare messages into one room as one streamed NDJSON body, then reads the room's export to
the end, counting lines, while sampling msgsvc's RSS (VmRSS) every 0.2 s. Bounded memory means the RSS
during the export stays near the RSS before it, whatever N is. Prints one JSON record for results.py and
a summary on stderr.

    export.py MSGSVC_BINARY [--messages 1000000] [--content-bytes 100]
"""
import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time


def rss_kib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"export: msgsvc exited with {process.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit("export: msgsvc did not become ready")


def lines(count, content_bytes):
    """The import body, generated as it is sent (never held whole)."""
    filler = "x" * max(0, content_bytes - 16)
    batch = []
    for i in range(count):
        batch.append(f'{{"sender":"bench","content":"m{i:012d} {filler}"}}\n')
        if len(batch) == 1000:
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--content-bytes", type=int, default=100)
    args = parser.parse_args()

    data = tempfile.mkdtemp(prefix="msgsvc-export-bench-")
    port = free_port()
    process = subprocess.Popen([args.binary, "--port", str(port), "--data-dir", data, "--log-level", "warning",
                                "--max-import-bytes", str(1 << 40)],
                               stdout=subprocess.DEVNULL, stderr=open(os.path.join(data, "msgsvc.log"), "w"))
    try:
        wait_ready(port, process)
        # Fill: one streamed import (chunked), timed as well.
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("POST", "/rooms/bench-export/import", body=lines(args.messages, args.content_bytes),
                     headers={"Content-Type": "application/x-ndjson"}, encode_chunked=True)
        response = conn.getresponse()
        report = json.loads(response.read())
        import_seconds = time.monotonic() - started
        if response.status != 200 or report.get("imported") != args.messages:
            sys.exit(f"export: import answered {response.status}: {str(report)[:300]}")

        before = rss_kib(process.pid)
        samples = [before]
        done = threading.Event()

        def sample():
            while not done.wait(0.2):
                samples.append(rss_kib(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("GET", "/rooms/bench-export/export")
        response = conn.getresponse()
        if response.status != 200:
            sys.exit(f"export: GET answered {response.status}")
        count = 0
        received = 0
        while chunk := response.read(1 << 20):
            count += chunk.count(b"\n")
            received += len(chunk)
        seconds = time.monotonic() - started
        done.set()
        sampler.join()
        if count != args.messages:
            sys.exit(f"export: {count} lines exported, expected {args.messages}")

        record = {
            "kind": "export", "messages": count, "bytes": received, "seconds": seconds, "rate": count / seconds,
            "import_seconds": import_seconds, "import_rate": args.messages / import_seconds,
            "rss_before_kib": before, "rss_max_kib": max(samples), "rss_samples": len(samples),
            "peak_kib": rss_kib(process.pid, "VmHWM"),
        }
        print(json.dumps(record))
        print(f"bench:   export of {count:,} messages ({received / 1048576:.0f} MiB): {record['rate']:,.0f} messages/s; "
              f"RSS {before / 1024:.1f} MiB before, at most {record['rss_max_kib'] / 1024:.1f} MiB during "
              f"({len(samples)} samples); import {record['import_rate']:,.0f} messages/s", file=sys.stderr)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
