"""Soak: a steady mix of posts (new, and retries of earlier ones) and reads (newest pages, older pages via
before=, single messages) on the embedded engine for RELIABILITY_SOAK_SECONDS at a fixed rate. Zero errors
allowed, and resident memory must level off: RSS at the end at most the middle's × 1.5 + 20 MB."""
import random
import statistics
import threading
import time

from http_client import Client, NoResponse, TimedOut, Truncated
from posters import acknowledgement, new_message
from processes import free_port, rss_kib

WORKERS = 6
ROOMS = [f"soak-{n}" for n in range(8)]
SAMPLE_SECONDS = 5.0
GROWTH_FACTOR = 1.5
GROWTH_SLACK_KIB = 20 * 1024
MIN_RATE_FRACTION = 0.9


class Soak:
    def __init__(self, port, rate, seconds, seed=1):
        self.port = port
        self.rate = rate
        self.seconds = seconds
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.next_slot = 0
        self.acks = {room: [] for room in ROOMS}
        self.cursors = {room: None for room in ROOMS}
        self.counts = {}
        self.errors = []
        self.latencies = []
        self.numbers = 0
        self.began = None

    def _take_slot(self):
        with self.lock:
            slot = self.next_slot
            self.next_slot += 1
            roll = self.rng.random()
            room = self.rng.choice(ROOMS)
            earlier = self.rng.choice(self.acks[room]) if self.acks[room] else None
            cursor = self.cursors[room]
            self.numbers += 1
            number = self.numbers
        return self.began + slot / self.rate, roll, room, earlier, cursor, number

    def _note(self, kind, latency, problem=None):
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.latencies.append(latency)
            if problem:
                self.errors.append(f"{kind}: {problem}")

    def _one(self, client, roll, room, earlier, cursor, number):
        """One request of the mix; returns (kind, latency, problem or None)."""
        if roll < 0.45 or earlier is None:
            sender, content, client_id = new_message("soak", number % 17, number)
            if number % 3 == 0:
                client_id = None
            response = client.post_message(room, sender, content, client_id)
            ack = acknowledgement(room, sender, content, client_id, response) if response.status == 201 else None
            if ack is None:
                return "post", response.latency, response.describe()
            with self.lock:
                self.acks[room].append(ack)
            return "post", response.latency, None
        if roll < 0.55:
            if earlier.client_id is None:
                response = client.get(f"/rooms/{room}/messages/{earlier.id}")
                ok = response.status == 200 and isinstance(response.json, dict) and response.json.get("id") == earlier.id
                return "get message", response.latency, None if ok else response.describe()
            response = client.post_message(room, earlier.sender, earlier.content, earlier.client_id)
            ok = response.status == 200 and isinstance(response.json, dict) and response.json.get("id") == earlier.id
            return "retry post", response.latency, None if ok else response.describe()
        if roll < 0.85:
            response = client.page(room, limit=1 + number % 100)
            ok = response.status == 200 and isinstance(response.json, dict)
            if ok:
                with self.lock:
                    self.cursors[room] = response.json.get("prev_cursor")
            return "newest page", response.latency, None if ok else response.describe()
        if cursor is None:
            response = client.page(room, limit=20)
        else:
            response = client.page(room, limit=20, before=cursor)
        ok = response.status == 200 and isinstance(response.json, dict)
        if ok and cursor is not None:
            with self.lock:
                self.cursors[room] = response.json.get("prev_cursor") if response.json.get("has_more") else None
        return "older page", response.latency, None if ok else response.describe()

    def _worker(self, end):
        client = Client(self.port, timeout=30)
        while True:
            due, roll, room, earlier, cursor, number = self._take_slot()
            if due >= end:
                break
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            started = time.monotonic()
            try:
                kind, latency, problem = self._one(client, roll, room, earlier, cursor, number)
            except (NoResponse, Truncated, TimedOut) as error:
                kind, latency, problem = "failed", time.monotonic() - started, str(error)
            self._note(kind, latency, problem)
        client.close()

    def run(self):
        self.began = time.monotonic() + 0.1
        end = self.began + self.seconds
        threads = [threading.Thread(target=self._worker, args=(end,), daemon=True) for _ in range(WORKERS)]
        for thread in threads:
            thread.start()
        return threads, end


def _mb(kib):
    return f"{kib / 1024:.1f} MB" if kib is not None else "gone"


def run(scenario):
    port = free_port()
    service = scenario.service(scenario.path("data"), port)
    soak = Soak(port, scenario.soak_rate, scenario.soak_seconds)
    start_rss = rss_kib(service.pid)
    threads, end = soak.run()
    samples = [(0.0, start_rss)]
    middle_at = soak.began + soak.seconds / 2
    middle_rss = None
    next_sample = soak.began + SAMPLE_SECONDS
    while time.monotonic() < end:
        now = time.monotonic()
        if middle_rss is None and now >= middle_at:
            middle_rss = rss_kib(service.pid)
            samples.append((now - soak.began, middle_rss))
            if next_sample - now < 1.0:
                next_sample += SAMPLE_SECONDS
        elif now >= next_sample:
            samples.append((now - soak.began, rss_kib(service.pid)))
            next_sample += SAMPLE_SECONDS
        time.sleep(min(0.2, max(0.0, end - time.monotonic())))
    for thread in threads:
        thread.join(timeout=60)
    end_rss = rss_kib(service.pid)
    elapsed = time.monotonic() - soak.began
    samples.append((elapsed, end_rss))
    if middle_rss is None:
        middle_rss = end_rss

    total = sum(soak.counts.values())
    achieved = total / elapsed if elapsed > 0 else 0.0
    latencies = sorted(soak.latencies) or [0.0]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    scenario.figure(f"{soak.seconds:.0f} s at {soak.rate:.0f} req/s target: {total} requests, {achieved:.1f} req/s "
                    f"achieved, {len(soak.errors)} errors; mix {dict(sorted(soak.counts.items()))}")
    scenario.figure(f"latency median {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
                    f"max {latencies[-1] * 1000:.1f} ms")
    scenario.figure(f"RSS start {_mb(start_rss)}, middle {_mb(middle_rss)}, end {_mb(end_rss)}")
    scenario.figure("RSS samples: " + ", ".join(f"{t:.0f}s {_mb(k)}" for t, k in samples))
    scenario.check(not soak.errors, f"zero errors ({len(soak.errors)})", soak.errors[:10])
    scenario.check(achieved >= scenario.soak_rate * MIN_RATE_FRACTION,
                   f"steady rate: achieved {achieved:.1f} ≥ {MIN_RATE_FRACTION:.0%} of {scenario.soak_rate:.0f} req/s")
    limit = middle_rss * GROWTH_FACTOR + GROWTH_SLACK_KIB if middle_rss is not None else None
    scenario.check(end_rss is not None and limit is not None and end_rss <= limit,
                   f"RSS levels off: end {_mb(end_rss)} ≤ middle × {GROWTH_FACTOR} + 20 MB = {_mb(limit)}")
    exit_status = service.stop()
    scenario.check(exit_status == 0, f"SIGTERM exit status {exit_status}")
