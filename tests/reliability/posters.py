"""Threads that post messages with client_ids as fast as the service answers, recording every acknowledged
message (201 or 200) and every outcome, so a scenario can later prove nothing acknowledged was lost."""
import dataclasses
import re
import threading
import time

from http_client import Client, NoResponse, TimedOut, Truncated

OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")
# Content of varying length with non-ASCII text, so storage sees more than one shape of message.
FILLER = "reliability ✓ é 漢字 " * 40


@dataclasses.dataclass(frozen=True)
class Ack:
    room: str
    client_id: str
    sender: str
    content: str
    id: str
    timestamp: str
    status: int


@dataclasses.dataclass(frozen=True)
class Outcome:
    """One request as the client saw it: `status` is an int, or the name of the failure."""
    started: float
    latency: float
    status: object
    error_code: str | None = None
    retry_after: str | None = None
    detail: str = ""


def new_message(prefix, thread, number):
    client_id = f"{prefix}-{thread}-{number}"
    content = f"{client_id} " + FILLER[: (number * 37) % len(FILLER)]
    return f"sender-{thread}", content, client_id


def acknowledgement(room, sender, content, client_id, response):
    """The Ack a 200/201 stands for, or None if its body is not the message that was posted."""
    message = response.json if isinstance(response.json, dict) else {}
    if (not OBJECT_ID.match(str(message.get("id"))) or message.get("client_id") != client_id
            or message.get("sender") != sender or message.get("content") != content
            or message.get("room_id") != room or not isinstance(message.get("timestamp"), str)):
        return None
    return Ack(room, client_id, sender, content, message["id"], message["timestamp"], response.status)


class Posters:
    """`threads` posters on `room`. With `retry_same`, a post that got no success is retried with the same
    client_id (as a real client would after a 503), else the poster moves on to a new message."""

    def __init__(self, port, room, threads, prefix, retry_same=False, timeout=30.0):
        self.port = port
        self.room = room
        self.prefix = prefix
        self.retry_same = retry_same
        self.timeout = timeout
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.acks = []
        self.outcomes = []
        self.bad_bodies = []
        # Posts that got no complete answer: (started, client_id); whether they were stored is unknown.
        self.unanswered = []
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=self.timeout + 5)

    def ack_count(self):
        with self.lock:
            return len(self.acks)

    def _record(self, outcome, ack=None, bad=None):
        with self.lock:
            self.outcomes.append(outcome)
            if ack is not None:
                self.acks.append(ack)
            if bad is not None:
                self.bad_bodies.append(bad)

    def _run(self, thread):
        client = Client(self.port, timeout=self.timeout)
        number = 0
        pending = None
        while not self.stop_event.is_set():
            if pending is None:
                number += 1
                pending = new_message(self.prefix, thread, number)
            sender, content, client_id = pending
            started = time.monotonic()
            try:
                response = client.post_message(self.room, sender, content, client_id)
            except (NoResponse, Truncated, TimedOut) as error:
                self._record(Outcome(started, time.monotonic() - started, type(error).__name__, detail=str(error)))
                with self.lock:
                    self.unanswered.append((started, client_id))
                if not self.retry_same:
                    pending = None
                time.sleep(0.05)
                continue
            outcome = Outcome(started, response.latency, response.status, response.error_code,
                              response.header("Retry-After"), response.describe() if response.status >= 300 else "")
            if response.status in (200, 201):
                ack = acknowledgement(self.room, sender, content, client_id, response)
                self._record(outcome, ack=ack, bad=None if ack else (client_id, response.describe()))
                pending = None
            else:
                self._record(outcome)
                if not (self.retry_same and response.status == 503):
                    pending = None
                time.sleep(0.05)
        client.close()
