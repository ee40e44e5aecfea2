"""Proof that acknowledged messages survived: walk each room newest-to-oldest through before= cursors,
find every acknowledged message exactly once with what was posted, then retry every acknowledged
client_id and expect 200 with the original message, never a second copy."""
import collections
import concurrent.futures
import dataclasses
import threading

from http_client import Client, NoResponse, TimedOut, Truncated

PAGE_SIZE = 100


@dataclasses.dataclass
class Survival:
    acknowledged: int = 0
    found: int = 0
    lost: list = dataclasses.field(default_factory=list)
    altered: list = dataclasses.field(default_factory=list)
    repeated: list = dataclasses.field(default_factory=list)
    duplicate_client_ids: list = dataclasses.field(default_factory=list)
    walk_problems: list = dataclasses.field(default_factory=list)
    walked: int = 0
    retried: int = 0
    retry_problems: list = dataclasses.field(default_factory=list)
    stored_client_ids: set = dataclasses.field(default_factory=set)  # (room, client_id) of every walked message

    @property
    def intact(self):
        return not (self.lost or self.altered or self.repeated or self.duplicate_client_ids
                    or self.walk_problems or self.retry_problems)

    def summary(self):
        return (f"acknowledged {self.acknowledged}, lost {len(self.lost)}, walked {self.walked} messages, "
                f"repeated in walk {len(self.repeated)}, altered {len(self.altered)}, "
                f"client_ids stored twice {len(self.duplicate_client_ids)}, "
                f"retries {self.retried} (not 200-with-original: {len(self.retry_problems)})")

    def problems(self, limit=5):
        lines = []
        for label, items in (("lost", self.lost), ("altered", self.altered), ("repeated", self.repeated),
                             ("client_id stored twice", self.duplicate_client_ids),
                             ("walk", self.walk_problems), ("retry", self.retry_problems)):
            for item in items[:limit]:
                lines.append(f"{label}: {item}")
            if len(items) > limit:
                lines.append(f"{label}: … {len(items) - limit} more")
        return lines


def _order_key(message):
    """History is in ascending seq order, with timestamps that never decrease along it."""
    return (message.get("seq", 0), message.get("timestamp", ""))


def walk_room(client, room):
    """Every message of `room`, oldest first, and whatever went wrong on the way."""
    problems = []
    pages = []
    before = None
    for _ in range(100_000):
        try:
            response = client.page(room, limit=PAGE_SIZE, before=before)
        except (NoResponse, Truncated, TimedOut) as error:
            problems.append(f"page before={before}: {error}")
            break
        if response.status != 200 or not isinstance(response.json, dict):
            problems.append(f"page before={before}: {response.describe()}")
            break
        messages = response.json.get("messages", [])
        keys = [_order_key(m) for m in messages]
        if keys != sorted(keys):
            problems.append(f"page before={before} not in ascending seq order with non-decreasing timestamps")
        pages.append(messages)
        if not response.json.get("has_more"):
            break
        before = response.json.get("prev_cursor")
        if not messages or before is None:
            problems.append(f"has_more with {len(messages)} messages and prev_cursor {before!r}")
            break
    walked = [m for page in reversed(pages) for m in page]
    keys = [_order_key(m) for m in walked]
    if any(a[0] >= b[0] or a[1] > b[1] for a, b in zip(keys, keys[1:])):
        problems.append("walk is not strictly ascending in seq (timestamps non-decreasing) across pages")
    return walked, problems


def _retry(clients, ack):
    client = clients.client()
    try:
        response = client.post_message(ack.room, ack.sender, ack.content, ack.client_id)
    except (NoResponse, Truncated, TimedOut) as error:
        return f"{ack.client_id}: {error}"
    message = response.json if isinstance(response.json, dict) else {}
    if response.status != 200 or message.get("id") != ack.id or message.get("timestamp") != ack.timestamp:
        return f"{ack.client_id} (original {ack.id}): {response.describe()}"
    return None


class _ThreadClients:
    def __init__(self, port):
        self.port = port
        self.local = threading.local()

    def client(self):
        if not hasattr(self.local, "client"):
            self.local.client = Client(self.port)
        return self.local.client


def check_survival(port, acks, retry_threads=8):
    """Walks every room the acks name and retries every acknowledged client_id on the msgsvc at `port`."""
    survival = Survival(acknowledged=len(acks))
    client = Client(port)
    stored = {}
    for room in sorted({ack.room for ack in acks}):
        walked, problems = walk_room(client, room)
        survival.walk_problems += [f"room {room}: {p}" for p in problems]
        survival.walked += len(walked)
        counts = collections.Counter(m.get("id") for m in walked)
        survival.repeated += [f"{room}/{i} ×{n}" for i, n in counts.items() if n > 1]
        per_client_id = collections.Counter(m.get("client_id") for m in walked if m.get("client_id") is not None)
        survival.duplicate_client_ids += [f"{room}/{c} ×{n}" for c, n in per_client_id.items() if n > 1]
        stored.update({(room, m.get("id")): m for m in walked})
        survival.stored_client_ids.update((room, m.get("client_id")) for m in walked if m.get("client_id") is not None)
    client.close()
    for ack in acks:
        message = stored.get((ack.room, ack.id))
        if message is None:
            survival.lost.append(f"{ack.room}/{ack.id} client_id {ack.client_id} (acknowledged {ack.status})")
            continue
        survival.found += 1
        expected = {"id": ack.id, "room_id": ack.room, "sender": ack.sender, "content": ack.content,
                    "timestamp": ack.timestamp, "client_id": ack.client_id}
        # seq and change are the store's numbers, not part of what the client sent.
        if {key: value for key, value in message.items() if key not in ("seq", "change")} != expected:
            survival.altered.append(f"{ack.room}/{ack.id}: stored {message}, acknowledged {expected}")
    clients = _ThreadClients(port)
    with concurrent.futures.ThreadPoolExecutor(max_workers=retry_threads) as pool:
        for problem in pool.map(lambda ack: _retry(clients, ack), acks):
            survival.retried += 1
            if problem:
                survival.retry_problems.append(problem)
    return survival
