"""Threads paging through a room as fast as the service answers, recording every outcome; a 200 must be a
complete, well-formed page."""
import threading
import time

from http_client import Client, NoResponse, TimedOut, Truncated
from posters import Outcome


class Readers:
    def __init__(self, port, room, threads, timeout=30.0):
        self.port = port
        self.room = room
        self.timeout = timeout
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.outcomes = []
        self.malformed = []
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=self.timeout + 10)

    def _run(self):
        client = Client(self.port, timeout=self.timeout)
        while not self.stop_event.is_set():
            started = time.monotonic()
            try:
                response = client.page(self.room, limit=20)
            except (NoResponse, Truncated, TimedOut) as error:
                with self.lock:
                    self.outcomes.append(Outcome(started, time.monotonic() - started, type(error).__name__, detail=str(error)))
                time.sleep(0.02)
                continue
            well_formed = response.status != 200 or (
                isinstance(response.json, dict) and isinstance(response.json.get("messages"), list))
            with self.lock:
                self.outcomes.append(Outcome(started, response.latency, response.status, response.error_code,
                                             response.header("Retry-After"),
                                             detail=response.describe() if response.status != 200 else ""))
                if not well_formed:
                    self.malformed.append(response.describe())
            if response.status != 200:
                time.sleep(0.02)
        client.close()
